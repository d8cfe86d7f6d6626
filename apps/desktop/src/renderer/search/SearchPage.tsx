import { Fragment, useMemo } from 'react';
import { useCasefile } from '../app/CasefileContext';
import { displayCaseTitle } from '../caseList/caseTitle';
import { CASE_TAB_LABELS } from '../routing/caseTabs';
import { caseHref } from '../routing/hashRoute';
import { searchCases } from './caseSearchIndex';
import { useCaseSearchIndex } from './useCaseSearchIndex';

/** #/search?q=…: the cases on this device that hold every word typed, best first. */
export function SearchPage({ query }: { query: string }) {
  const { db } = useCasefile();
  const state = useCaseSearchIndex(db);
  const { index, version } = state;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the index is filled in place; version says it grew.
  const hits = useMemo(() => searchCases(index, query), [index, query, version]);
  const trimmed = query.trim();

  return (
    <section className="page search-page" aria-labelledby="search-heading">
      <h1 id="search-heading">{trimmed ? `Search: “${trimmed}”` : 'Search'}</h1>
      <div className="search-page__progress" role="status">
        {state.building ? (
          <>
            <span>
              Indexing cases… {state.done} of {state.total}
            </span>
            <progress max={Math.max(state.total, 1)} value={state.done} aria-label="Indexing cases" />
          </>
        ) : (
          <span>
            {state.total === 1
              ? 'Searched the one case on this device.'
              : `Searched the ${state.total} cases on this device.`}
            {state.failed > 0 && ` ${state.failed} could not be read and were left out.`}
          </span>
        )}
      </div>

      {trimmed === '' ? (
        <div className="empty-state">
          <p>Type in Search cases, above, to find words in the cases on this device.</p>
          <p>
            Search looks in titles, claims, evidence, notes and actors, in any language; a word’s beginning is enough,
            and small typos are forgiven.
          </p>
        </div>
      ) : hits.length === 0 ? (
        <div className="empty-state">
          {state.building ? (
            <p>No case matches “{trimmed}” yet; still reading the cases.</p>
          ) : (
            <>
              <p>No case on this device matches “{trimmed}”.</p>
              <p>
                Check the spelling, or try fewer or shorter words. Cases a colleague shared appear once opened here.
              </p>
            </>
          )}
        </div>
      ) : (
        <ol className="search-results" aria-label="Results">
          {hits.map((hit) => {
            const [best] = hit.places;
            return (
              <li key={hit.id} className="search-results__item">
                <a className="search-results__title" href={caseHref(hit.id, best?.tab)}>
                  {displayCaseTitle(hit.title)}
                </a>
                {hit.excerpt && (
                  <p className="search-results__excerpt">
                    {hit.excerpt.before}
                    <mark>{hit.excerpt.match}</mark>
                    {hit.excerpt.after}
                  </p>
                )}
                <p className="search-results__places">
                  Found in{' '}
                  {hit.places.map((place, position) => (
                    <Fragment key={`${place.field}-${place.tab}`}>
                      {position > 0 && ', '}
                      <a href={caseHref(hit.id, place.tab)}>
                        {place.field === 'title' ? 'the title' : CASE_TAB_LABELS[place.tab]}
                      </a>
                    </Fragment>
                  ))}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

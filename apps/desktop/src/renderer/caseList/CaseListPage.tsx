import type { ConnectionStatus } from '@casefile/sync';
import { useEffect } from 'react';
import { useCasefile } from '../app/CasefileContext';
import { preloadCaseView, preloadCaseViewWhenIdle } from '../app/lazyPages';
import { afterNextPaint } from '../app/whenIdle';
import { caseHref, settingsHref } from '../routing/hashRoute';
import { ConnectionIndicator } from '../sync/ConnectionIndicator';
import { serverHost } from '../sync/connectionStatusText';
import { useObservable } from '../sync/useObservable';
import { formatUpdatedAt, prepareDateFormat } from './caseDates';
import { displayCaseTitle } from './caseTitle';
import { NewCaseButton } from './NewCaseButton';
import { useWorkspaceCases } from './useWorkspaceCases';

const statusLabels = { open: 'Open', 'in review': 'In review', published: 'Published', archived: 'Archived' } as const;

export function CaseListPage() {
  const { workspace, workspaceRoom, serverUrl, platform } = useCasefile();
  const cases = useWorkspaceCases(workspace);
  const status = useObservable(workspaceRoom.status);
  // The case view's code is its own chunk: fetched once the list is on screen, so a case opens at once.
  const listShown = cases.length > 0 || status !== 'connecting';
  useEffect(() => (listShown ? preloadCaseViewWhenIdle() : undefined), [listShown]);
  // While the team's list is on its way from the server, not in the frame that shows it.
  useEffect(() => (listShown ? undefined : afterNextPaint(prepareDateFormat)), [listShown]);

  return (
    <section className="page" aria-labelledby="cases-heading">
      <div className="page__header">
        <h1 id="cases-heading">Cases</h1>
        <NewCaseButton />
      </div>
      <ConnectionIndicator lease={workspaceRoom} serverUrl={serverUrl} />

      {cases.length === 0 ? (
        <EmptyCaseList status={status} serverUrl={serverUrl} />
      ) : (
        <ul
          className="case-list"
          aria-labelledby="cases-heading"
          onPointerOver={preloadCaseView}
          onFocus={preloadCaseView}
        >
          {cases.map((entry) => (
            <li key={entry.id} className="case-list__item">
              <a className="case-list__link" href={caseHref(entry.id)}>
                {displayCaseTitle(entry.title)}
              </a>
              <span className="case-list__meta">
                <span className={`case-status case-status--${entry.status.replace(' ', '-')}`}>
                  {statusLabels[entry.status]}
                </span>
                {entry.updatedAt && (
                  <span>
                    Updated <time dateTime={entry.updatedAt}>{formatUpdatedAt(entry.updatedAt)}</time>
                  </span>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}

      <p className="page__footer">
        Your name and colour{platform === 'desktop' ? ', and the sync server,' : ''} are in{' '}
        <a href={settingsHref}>Settings</a>.
      </p>
    </section>
  );
}

function EmptyCaseList({ status, serverUrl }: { status: ConnectionStatus; serverUrl: string | null }) {
  if (serverUrl !== null && status === 'connecting') {
    return (
      <div className="empty-state">
        <p>Fetching your team’s cases from {serverHost(serverUrl)}…</p>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <p>No cases yet.</p>
      <p>
        Press <strong>New case</strong> to open a case file for a claim you are checking.
        {serverUrl === null && (
          <>
            {' '}
            To work with your team’s cases, set a sync server in <a href={settingsHref}>Settings</a>.
          </>
        )}
        {serverUrl !== null &&
          status === 'offline' &&
          ' Your team’s cases appear here once the sync server can be reached.'}
      </p>
    </div>
  );
}

import { type LogEntry, observeLog, readLog } from '@casefile/model';
import { useEffect, useId, useState } from 'react';
import type * as Y from 'yjs';
import { formatUpdatedAt } from '../../caseList/caseDates';
import { useNow } from '../useNow';
import { describeAction, describeDetails, describeWhen, newestFirst } from './activityPhrases';

const FIRST_PAGE = 30;

function useLog(doc: Y.Doc): LogEntry[] {
  const [entries, setEntries] = useState(() => newestFirst(readLog(doc)));
  useEffect(() => {
    setEntries(newestFirst(readLog(doc)));
    return observeLog(doc, (log) => setEntries(newestFirst(log)));
  }, [doc]);
  return entries;
}

/**
 * Log entries have no id: who, when, what and which item make one; the rare exact repeat (two
 * writes in one millisecond) is numbered.
 */
function entryKeys(entries: readonly LogEntry[]): string[] {
  const seen = new Map<string, number>();
  return entries.map((entry) => {
    const base = [
      entry.at,
      entry.by.id,
      entry.action,
      entry.target.type,
      entry.target.id,
      Object.keys(entry.fields),
    ].join('|');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}#${count}`;
  });
}

/** Who created, changed or deleted what in this case, and when: the newest first, live. */
export function ActivityFeed({ doc }: { doc: Y.Doc }) {
  const headingId = useId();
  const entries = useLog(doc);
  const now = useNow();
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? entries : entries.slice(0, FIRST_PAGE);
  const keys = entryKeys(shown);

  return (
    <section className="activity" aria-labelledby={headingId}>
      <h2 id={headingId}>Activity</h2>
      {entries.length === 0 ? (
        <p className="page__note">Nothing recorded yet. Changes to this case will be listed here, newest first.</p>
      ) : (
        <ol className="activity__list" aria-labelledby={headingId}>
          {shown.map((entry, position) => {
            const details = describeDetails(entry);
            const when = describeWhen(entry.at, now);
            return (
              <li key={keys[position]} className="activity__entry">
                <p className="activity__line">
                  <span className="activity__who">{entry.by.name || 'Someone'}</span> {describeAction(entry)}
                  {when && (
                    <>
                      {' · '}
                      <time className="activity__when" dateTime={entry.at} title={formatUpdatedAt(entry.at)}>
                        {when}
                      </time>
                    </>
                  )}
                </p>
                {details && (
                  <p className="activity__details" title={details}>
                    {details}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {!showAll && entries.length > FIRST_PAGE && (
        <button type="button" className="button button--small" onClick={() => setShowAll(true)}>
          Show all {entries.length} entries
        </button>
      )}
    </section>
  );
}

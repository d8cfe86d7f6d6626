import { type CasefileDatabase, type PendingSave, retryPendingSavesNow, watchPendingSaves } from '@casefile/storage';
import { useEffect, useState } from 'react';
import { useCasefile } from './CasefileContext';
import { describeWaitingSaves, SAVED_AGAIN } from './storageTrouble';

/** How long "Saved" stays up after the saves that waited went through. */
const SAVED_NOTICE_MS = 10_000;

/**
 * Saves that failed in the background (a full disk, mostly) have no one to throw to: while they
 * wait to be retried they are shown here, and a word says when they went through. What waits is
 * only in memory, so leaving the page meanwhile asks first.
 */
export function StorageErrorBanner() {
  const { db } = useCasefile();
  const [pending, setPending] = useState<readonly PendingSave[]>([]);
  const [savedAgain, setSavedAgain] = useState(false);

  useEffect(() => {
    let waited = false;
    return watchPendingSaves(db, (list) => {
      setPending(list);
      if (list.length > 0) {
        waited = true;
        setSavedAgain(false);
      } else if (waited) {
        waited = false;
        setSavedAgain(true);
      }
    });
  }, [db]);

  const waiting = pending.length > 0;
  useRetryWhenSpaceMayBeBack(db, waiting);
  useWarnBeforeLeaving(waiting);

  useEffect(() => {
    if (!savedAgain) return;
    const timer = window.setTimeout(() => setSavedAgain(false), SAVED_NOTICE_MS);
    return () => window.clearTimeout(timer);
  }, [savedAgain]);

  if (waiting) {
    return (
      <div className="banner banner--error" role="alert">
        <p>{describeWaitingSaves(pending)}</p>
        <button type="button" onClick={() => retryPendingSavesNow(db)}>
          Try saving now
        </button>
      </div>
    );
  }
  if (savedAgain) {
    return (
      <div className="banner" role="status">
        <p>{SAVED_AGAIN}</p>
        <button type="button" onClick={() => setSavedAgain(false)}>
          Dismiss
        </button>
      </div>
    );
  }
  return null;
}

/**
 * Someone who freed space elsewhere comes back to the window: try at once rather than at the next
 * turn of the growing delay.
 */
function useRetryWhenSpaceMayBeBack(db: CasefileDatabase, waiting: boolean): void {
  useEffect(() => {
    if (!waiting) return;
    const retry = () => {
      if (document.visibilityState === 'visible') retryPendingSavesNow(db);
    };
    window.addEventListener('focus', retry);
    document.addEventListener('visibilitychange', retry);
    return () => {
      window.removeEventListener('focus', retry);
      document.removeEventListener('visibilitychange', retry);
    };
  }, [db, waiting]);
}

/** Closing or reloading would drop what waits in memory: the browser asks first. */
function useWarnBeforeLeaving(waiting: boolean): void {
  useEffect(() => {
    if (!waiting) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [waiting]);
}

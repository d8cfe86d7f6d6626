import type { RoomLease } from '@casefile/sync';
import { useCasefile } from '../app/CasefileContext';
import { useNow } from '../caseView/useNow';
import { connectionStatusText, shownStatus } from './connectionStatusText';
import { useObservable } from './useObservable';
import { useWaitingFiles } from './useWaitingFiles';

/**
 * Whether this room is synced with the server, syncing, connecting, or working offline, what is
 * not on the server yet and when it last synced (role=status). `caseId`: count that case's files;
 * without it (the list of cases, Settings), every file waiting to upload.
 */
export function ConnectionIndicator({
  lease,
  serverUrl,
  caseId,
}: {
  lease: RoomLease;
  serverUrl: string | null;
  caseId?: string;
}) {
  const { blobs } = useCasefile();
  const status = useObservable(lease.status);
  const changes = useObservable(lease.pending);
  const lastSyncedAt = useObservable(lease.lastSyncedAt);
  const refusal = useObservable(lease.refusal);
  const files = useWaitingFiles(blobs, caseId);
  // Renewed so that "last synced 23:58" gains its date after midnight.
  const now = useNow(60_000);
  const facts = { status, serverUrl, changes, files, lastSyncedAt, refusal, now: new Date(now) };
  return (
    <p className={`connection connection--${shownStatus(facts)}`} role="status">
      <span className="connection__dot" aria-hidden="true" />
      {connectionStatusText(facts)}
    </p>
  );
}

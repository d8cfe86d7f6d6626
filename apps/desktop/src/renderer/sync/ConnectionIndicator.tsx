import type { RoomLease } from '@casefile/sync';
import { connectionStatusText } from './connectionStatusText';
import { useObservable } from './useObservable';

/** Whether this room is synced with the server, connecting, or working offline (role=status). */
export function ConnectionIndicator({ lease, serverUrl }: { lease: RoomLease; serverUrl: string | null }) {
  const status = useObservable(lease.status);
  const shown = serverUrl === null ? 'offline' : status;
  return (
    <p className={`connection connection--${shown}`} role="status">
      <span className="connection__dot" aria-hidden="true" />
      {connectionStatusText(status, serverUrl)}
    </p>
  );
}

import type { RoomLease, SyncClient } from '@casefile/sync';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * A lease on a room's shared provider for as long as the component is mounted. `connect`: take
 * part in the connection now (the case view); Lexical's collaboration plugin connects and
 * disconnects its own lease, so editors pass false.
 */
export function useRoomLease(
  client: SyncClient,
  room: string,
  doc: Y.Doc,
  { connect }: { connect: boolean },
): RoomLease | null {
  const [lease, setLease] = useState<RoomLease | null>(null);
  useEffect(() => {
    const acquired = client.acquire(room, doc, { connect });
    setLease(acquired);
    return () => {
      setLease(null);
      acquired.release();
    };
  }, [client, room, doc, connect]);
  return lease;
}

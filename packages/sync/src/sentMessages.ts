import * as decoding from 'lib0/decoding';

/** y-websocket (y-protocols/sync) message numbers the server acknowledges. */
const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/**
 * The two kinds of update message a client sends: its sync step 2 (everything the server's state
 * vector lacked, and every deletion) and a single change sent as it happens.
 */
export type SentUpdateKind = 'sync-step-2' | 'update';

/** Which kind of update message `data` is, or null for anything else (sync step 1, awareness). */
export function sentUpdateKind(data: unknown): SentUpdateKind | null {
  let bytes: Uint8Array;
  if (data instanceof Uint8Array) bytes = data;
  else if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
  else return null;
  try {
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null;
    const syncType = decoding.readVarUint(decoder);
    if (syncType === SYNC_STEP_2) return 'sync-step-2';
    if (syncType === SYNC_UPDATE) return 'update';
    return null;
  } catch {
    return null;
  }
}

/**
 * A WebSocket class that reports every update message sent through it, once handed to the socket.
 * The sync acks count update messages; watching the wire counts exactly what y-websocket sent,
 * without depending on when it decides to send.
 */
export function reportingSentUpdates(
  Base: typeof WebSocket,
  onSent: (socket: WebSocket, kind: SentUpdateKind) => void,
): typeof WebSocket {
  return class ReportingWebSocket extends Base {
    override send(data: Parameters<WebSocket['send']>[0]): void {
      super.send(data);
      const kind = sentUpdateKind(data);
      if (kind) onSent(this, kind);
    }
  };
}

import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/**
 * Casefile's "sync ack" message (its format is specified beside the server's protocol, in
 * apps/sync-server/src/protocol.ts): after the server has stored and applied an update message
 * of this connection, it answers with how many it has handled so far and its state vector.
 */
export const MESSAGE_SYNC_ACK = 100;

/** Socket URL parameters by which a client asks the server for sync acks. */
export const SYNC_ACK_PARAMS: Readonly<Record<string, string>> = { acks: '1' };

export interface SyncAck {
  /** Update messages of this connection the server has stored and applied, the acknowledged one included. */
  updatesHandled: number;
  /** The server document's state vector once it had applied that update. */
  stateVector: Map<number, number>;
}

/** Reads an ack's body (the message type already read). */
export function readSyncAck(decoder: decoding.Decoder): SyncAck {
  const updatesHandled = decoding.readVarUint(decoder);
  const stateVector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
  return { updatesHandled, stateVector };
}

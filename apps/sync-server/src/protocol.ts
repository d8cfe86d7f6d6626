import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** Message types of the y-websocket protocol (the first varint of every binary message). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/**
 * Casefile's extension, "sync ack": y-websocket never tells a client that the server has its
 * changes, so a client cannot say "Synced" truthfully. After the server has stored and applied a
 * sync step 2 or update message from a connection, it sends that connection
 *
 *   varUint 100 · varUint <update messages of this connection handled so far> · varUint8Array <Y.encodeStateVector(server document)>
 *
 * Exactly one ack per update message, in the order the messages arrived (an empty step 2 too:
 * nothing to store, but the count must stay in step), and never before the write has completed.
 * Only connections that ask for it get acks (`?acks=1` on the socket URL): a plain y-websocket
 * client logs an error for every message type it does not know.
 */
export const MESSAGE_SYNC_ACK = 100;
/** The socket URL's query parameter (value `1`) by which a client asks for sync acks. */
export const SYNC_ACKS_PARAM = 'acks';

/** Sub-types of a sync message (y-protocols/sync). */
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  /** Sync step 2 and update messages both carry a document update; the server treats them alike. */
  | { type: 'update'; update: Uint8Array; isEmpty: boolean }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

/** A message the server cannot read; the connection that sent it is closed, nothing else changes. */
export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

function fail(what: string, cause?: unknown): never {
  const detail = cause instanceof Error ? ` (${cause.message})` : '';
  throw new MalformedMessageError(`${what}${detail}`);
}

/**
 * Decodes and fully validates one message from a client, before anything is stored or applied:
 * updates are parsed struct by struct (Y.decodeUpdate), awareness entries down to their JSON.
 * Returned byte arrays are copies, safe to keep after the socket's buffer is reused.
 */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(data);
  let message: ClientMessage;
  try {
    const messageType = decoding.readVarUint(decoder);
    if (messageType === MESSAGE_SYNC) {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder).slice();
      if (syncType === SYNC_STEP_1) {
        validate(() => Y.decodeStateVector(payload), 'a state vector that cannot be decoded');
        message = { type: 'sync-step-1', stateVector: payload };
      } else if (syncType === SYNC_STEP_2 || syncType === SYNC_UPDATE) {
        const { structs, ds } = validate(() => Y.decodeUpdate(payload), 'a document update that cannot be decoded');
        // A sync step 2 from a client with nothing new: nothing to store.
        const isEmpty = structs.length === 0 && ds.clients.size === 0;
        message = { type: 'update', update: payload, isEmpty };
      } else {
        fail(`unknown sync message type ${syncType}`);
      }
    } else if (messageType === MESSAGE_AWARENESS) {
      const update = decoding.readVarUint8Array(decoder).slice();
      validate(() => validateAwarenessUpdate(update), 'an awareness update that cannot be decoded');
      message = { type: 'awareness', update };
    } else if (messageType === MESSAGE_QUERY_AWARENESS) {
      message = { type: 'query-awareness' };
    } else {
      fail(`unknown message type ${messageType}`);
    }
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    fail('a truncated or garbled message', error);
  }
  if (decoding.hasContent(decoder)) fail('trailing bytes after the message');
  return message;
}

function validate<T>(check: () => T, what: string): T {
  try {
    return check();
  } catch (error) {
    fail(what, error);
  }
}

/** Same layout as y-protocols/awareness encodeAwarenessUpdate: count, then (client, clock, JSON state). */
function validateAwarenessUpdate(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    JSON.parse(decoding.readVarString(decoder));
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP_1);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP_2);
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector));
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_UPDATE);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncAck(updatesHandled: number, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC_ACK);
  encoding.writeVarUint(encoder, updatesHandled);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

/** Whether an upgrade request's URL asks for sync acks (`?acks=1`). */
export function wantsSyncAcks(requestUrl: string | undefined): boolean {
  const query = (requestUrl ?? '').split('?')[1];
  return query !== undefined && new URLSearchParams(query).get(SYNC_ACKS_PARAM) === '1';
}

export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}

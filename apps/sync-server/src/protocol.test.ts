import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  decodeClientMessage,
  encodeSyncAck,
  encodeSyncStep1,
  encodeUpdate,
  MalformedMessageError,
  MESSAGE_SYNC_ACK,
  wantsSyncAcks,
} from './protocol.js';

function message(...parts: Array<number | Uint8Array>): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeVarUint(encoder, part);
    else encoding.writeVarUint8Array(encoder, part);
  }
  return encoding.toUint8Array(encoder);
}

describe('reading client messages', () => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'claim');
  const update = Y.encodeStateAsUpdate(doc);

  it('reads sync step 1, step 2, update, awareness and awareness queries', () => {
    expect(decodeClientMessage(encodeSyncStep1(doc))).toEqual({
      type: 'sync-step-1',
      stateVector: Y.encodeStateVector(doc),
    });
    expect(decodeClientMessage(message(0, 1, update))).toEqual({ type: 'update', update, isEmpty: false });
    expect(decodeClientMessage(encodeUpdate(update))).toEqual({ type: 'update', update, isEmpty: false });
    expect(decodeClientMessage(encodeUpdate(Y.encodeStateAsUpdate(new Y.Doc())))).toMatchObject({ isEmpty: true });
    const awareness = new Awareness(doc);
    awareness.setLocalStateField('user', { name: 'A' });
    const awarenessUpdate = encodeAwarenessUpdate(awareness, [doc.clientID]);
    expect(decodeClientMessage(message(1, awarenessUpdate))).toEqual({ type: 'awareness', update: awarenessUpdate });
    expect(decodeClientMessage(message(3))).toEqual({ type: 'query-awareness' });
    awareness.destroy();
  });

  it.each([
    ['nothing', new Uint8Array([])],
    ['a truncated varint', new Uint8Array([0x80])],
    ['an unknown message type', message(9)],
    ['an auth message from a client', message(2, 0)],
    ['an unknown sync type', message(0, 5, update)],
    ['a length beyond the message', new Uint8Array([0, 2, 50, 1, 2])],
    ['a garbled update', message(0, 2, new Uint8Array([1, 1, 1, 1, 255, 255, 3]))],
    ['a truncated update', message(0, 2, update.slice(0, update.length - 3))],
    ['a garbled state vector', message(0, 0, new Uint8Array([5, 1]))],
    ['awareness that is not JSON', message(1, new Uint8Array([1, 1, 1, 3, 0x7b, 0x7b, 0x7b]))],
    ['trailing bytes', new Uint8Array([...message(3), 0])],
  ])('refuses %s', (_name, bytes) => {
    expect(() => decodeClientMessage(bytes)).toThrow(MalformedMessageError);
  });
});

describe('sync acks', () => {
  it('carry the type, the count of update messages handled and the state vector', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'claim');
    const decoder = decoding.createDecoder(encodeSyncAck(7, Y.encodeStateVector(doc)));
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SYNC_ACK);
    expect(decoding.readVarUint(decoder)).toBe(7);
    expect(Y.decodeStateVector(decoding.readVarUint8Array(decoder))).toEqual(new Map([[doc.clientID, 5]]));
    expect(decoding.hasContent(decoder)).toBe(false);
  });

  it('are asked for with ?acks=1 on the socket URL', () => {
    expect(wantsSyncAcks('/workspace?acks=1')).toBe(true);
    expect(wantsSyncAcks('/workspace?token=x&acks=1')).toBe(true);
    expect(wantsSyncAcks('/workspace')).toBe(false);
    expect(wantsSyncAcks('/workspace?acks=0')).toBe(false);
    expect(wantsSyncAcks(undefined)).toBe(false);
  });
});

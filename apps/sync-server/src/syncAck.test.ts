import { newCaseId } from '@casefile/model';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_SYNC_ACK } from './protocol.js';
import {
  cleanUp,
  connectClient,
  holdWrites,
  makeTempDir,
  sleep,
  startTestServer,
  type TestClient,
  waitFor,
} from './testSupport.js';

afterEach(cleanUp);

interface ReceivedAck {
  updatesHandled: number;
  stateVector: Map<number, number>;
  /** How many held writes had completed when the ack arrived. */
  writesCompletedBefore: number;
}

/** A y-websocket client that asks for sync acks and records them as they arrive. */
function connectAckingClient(url: string, room: string, writesCompleted: () => number = () => 0) {
  const client = connectClient(url, room, new Y.Doc(), { params: { acks: '1' } });
  const acks: ReceivedAck[] = [];
  client.provider.messageHandlers[MESSAGE_SYNC_ACK] = (_encoder, decoder) => {
    const updatesHandled = decoding.readVarUint(decoder);
    const stateVector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    acks.push({ updatesHandled, stateVector, writesCompletedBefore: writesCompleted() });
  };
  return { ...client, acks };
}

function serverHolds(ack: ReceivedAck | undefined, client: TestClient): boolean {
  const clock = Y.getState(client.doc.store, client.doc.clientID);
  return ack !== undefined && (ack.stateVector.get(client.doc.clientID) ?? 0) >= clock;
}

describe('sync acks', () => {
  it('acknowledge an update only after the server has stored it, with a state vector that holds it', async () => {
    const writes = holdWrites();
    const server = await startTestServer(await makeTempDir(), { openStore: writes.openStore });
    const room = newCaseId();
    const alice = connectAckingClient(server.url, room, () => writes.completed);
    const bob = connectClient(server.url, room);
    await Promise.all([alice.synced, bob.synced]);
    // Alice's reply to the server's sync step 1 had nothing new: acknowledged without a write.
    await waitFor(() => alice.acks.length === 1, 'the empty sync step 2 was never acknowledged');
    expect(alice.acks[0]?.updatesHandled).toBe(1);

    alice.doc.getText('notes-draft').insert(0, 'acknowledged once on disk');
    await waitFor(() => writes.waiting > 0, 'the server never started storing the update');
    await sleep(150);
    expect(alice.acks).toHaveLength(1);
    expect(bob.doc.getText('notes-draft').toString()).toBe('');

    writes.release();
    await waitFor(() => alice.acks.length === 2, 'the stored update was never acknowledged');
    const ack = alice.acks[1];
    expect(ack?.updatesHandled).toBe(2);
    expect(ack?.writesCompletedBefore).toBe(1);
    expect(serverHolds(ack, alice)).toBe(true);
  });

  it('count every update message of the connection, in order', async () => {
    const server = await startTestServer(await makeTempDir());
    const room = newCaseId();
    const alice = connectAckingClient(server.url, room);
    await alice.synced;
    const text = alice.doc.getText('notes-draft');
    for (const word of ['one ', 'two ', 'three ']) text.insert(text.length, word);
    text.delete(0, 4);
    await waitFor(() => alice.acks.length === 5, 'not every update message was acknowledged');
    expect(alice.acks.map((ack) => ack.updatesHandled)).toEqual([1, 2, 3, 4, 5]);
    expect(serverHolds(alice.acks.at(-1), alice)).toBe(true);

    // The server's copy has the deletion too: a newcomer reads what Alice reads.
    const newcomer = connectClient(server.url, room);
    await newcomer.synced;
    expect(newcomer.doc.getText('notes-draft').toString()).toBe('two three ');
  });

  it('are sent only to clients that ask: a plain y-websocket client gets none', async () => {
    const server = await startTestServer(await makeTempDir());
    const room = newCaseId();
    const plain = connectClient(server.url, room);
    const unknownTypes: number[] = [];
    plain.provider.messageHandlers[MESSAGE_SYNC_ACK] = (_encoder, _decoder, _provider, _emit, type) => {
      unknownTypes.push(type);
    };
    const witness = connectClient(server.url, room);
    await Promise.all([plain.synced, witness.synced]);
    plain.doc.getText('notes-draft').insert(0, 'no ack for me');
    await waitFor(() => witness.doc.getText('notes-draft').toString() === 'no ack for me', 'the edit never arrived');
    await sleep(100);
    expect(unknownTypes).toEqual([]);
  });
});

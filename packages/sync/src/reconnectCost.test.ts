import { addClaim, initCase, listClaims, newCaseId, updateClaim } from '@casefile/model';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cleanUp, makeClient, type RecordedSocket, startTestServer, until } from './testSupport.js';

afterEach(cleanUp);

const byA = { by: { id: 'install-a', name: 'Investigator A' } };
const byB = { by: { id: 'install-b', name: 'Investigator B' } };

type Kind = 'sync-step-1' | 'sync-step-2' | 'update' | 'awareness' | 'ack' | 'other';

interface Message {
  kind: Kind;
  /** The document update a sync step 2 or update carries. */
  update: Uint8Array | null;
}

function readMessage(bytes: Uint8Array): Message {
  const decoder = decoding.createDecoder(bytes);
  const type = decoding.readVarUint(decoder);
  if (type === 1) return { kind: 'awareness', update: null };
  if (type === 100) return { kind: 'ack', update: null };
  if (type !== 0) return { kind: 'other', update: null };
  const syncType = decoding.readVarUint(decoder);
  if (syncType === 0) return { kind: 'sync-step-1', update: null };
  const update = decoding.readVarUint8Array(decoder).slice();
  return { kind: syncType === 1 ? 'sync-step-2' : 'update', update };
}

// Deep equality of megabytes byte by byte is slow in expect(); Buffer compares them at once.
const sameBytes = (a: Uint8Array | null | undefined, b: Uint8Array) =>
  a != null && Buffer.from(a).equals(Buffer.from(b));

const kinds = (messages: Message[]) => messages.map((message) => message.kind).filter((kind) => kind !== 'awareness');

describe('reconnecting after long offline work', () => {
  it('exchanges only what each side lacks, in one round of sync messages', async () => {
    const server = await startTestServer();
    const room = newCaseId();
    const a = makeClient(server.url);
    const b = makeClient(server.url);
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    initCase(docA, { title: 'A large case, already shared' });
    // A case both already hold: 300 claims of 2,000 characters, about 600 KB.
    docA.transact(() => {
      for (let i = 0; i < 300; i++) addClaim(docA, { text: `Claim ${i}: ${'ж'.repeat(2000)}` }, byA);
    });
    const leaseA = a.client.acquire(room, docA);
    const leaseB = b.client.acquire(room, docB);
    await until(
      () => leaseA.status.get() === 'synced' && leaseB.status.get() === 'synced' && listClaims(docB).length === 300,
      'both should hold the shared case',
      15_000,
    );
    const shared = Y.encodeStateAsUpdate(docA).length;

    // A works offline: 10,000 edits, each its own change. B meanwhile adds a little online.
    a.online.set(false);
    await until(() => leaseA.status.get() === 'offline', 'A should be offline');
    const claimIds = listClaims(docA).map((claim) => claim.id);
    for (let i = 0; i < 10_000; i++) {
      updateClaim(docA, claimIds[i % claimIds.length] as string, { platform: `platform ${i}` }, byA);
    }
    for (let i = 0; i < 20; i++) addClaim(docB, { text: `Found by B while A was away, ${i}` }, byB);
    await until(() => leaseB.status.get() === 'synced', 'B’s edits should be stored');
    expect(leaseA.pending.get()).toBe(10_000);

    // What each side lacks, exactly: the server holds what B holds.
    const missingOnServer = Y.encodeStateAsUpdate(docA, Y.encodeStateVector(docB));
    const missingOnA = Y.encodeStateAsUpdate(docB, Y.encodeStateVector(docA));
    const socketsBefore = a.sockets.length;
    a.online.set(true);
    await until(() => a.sockets.length > socketsBefore, 'A should open a socket');
    const socket = a.sockets[a.sockets.length - 1] as RecordedSocket;
    // Synced means a side's own changes are stored; B also has to receive A's, relayed after that.
    await until(
      () =>
        leaseA.status.get() === 'synced' &&
        leaseB.status.get() === 'synced' &&
        sameBytes(Y.encodeStateVector(docA), Y.encodeStateVector(docB)),
      'A and B should both be synced and hold the same edits',
      15_000,
    );
    // Claims made in the same millisecond list in arrival order, so compare them by id.
    const claimsOf = (doc: Y.Doc) =>
      listClaims(doc)
        .map((claim) => `${claim.id} ${claim.platform} ${claim.text.slice(0, 40)}`)
        .sort();
    expect(claimsOf(docA)).toHaveLength(320);
    expect(claimsOf(docB)).toEqual(claimsOf(docA));
    expect(leaseA.pending.get()).toBe(0);
    const traffic = { sent: socket.sent.map(readMessage), received: socket.received.map(readMessage) };

    // One round: A says what it has (step 1) and answers the server's step 1 with one step 2;
    // the server answers A's step 1 with one step 2 and confirms A's with one ack.
    expect(kinds(traffic.sent)).toEqual(['sync-step-1', 'sync-step-2']);
    expect(kinds(traffic.received).sort()).toEqual(['ack', 'sync-step-1', 'sync-step-2']);
    // Only what was missing: byte for byte the difference of the two states, not the whole case.
    const sentUpdate = traffic.sent.find((message) => message.kind === 'sync-step-2')?.update;
    const receivedUpdate = traffic.received.find((message) => message.kind === 'sync-step-2')?.update;
    expect(sameBytes(sentUpdate, missingOnServer), 'A’s sync step 2 is what the server lacked').toBe(true);
    expect(sameBytes(receivedUpdate, missingOnA), 'the server’s sync step 2 is what A lacked').toBe(true);
    expect(receivedUpdate?.length).toBeLessThan(shared / 50);
  }, 60_000);
});

import { newCaseId } from '@casefile/model';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CLOSE_INTERNAL_ERROR, CLOSE_MALFORMED_MESSAGE, CLOSE_UNSUPPORTED_DATA } from './connection.js';
import { type DocumentStore, LevelDocumentStore } from './persistence.js';
import { MAX_MESSAGE_BYTES } from './server.js';
import {
  cleanUp,
  closedWith,
  connectClient,
  holdWrites,
  makeTempDir,
  openRawSocket,
  sleep,
  startTestServer,
  upgradeStatus,
  waitFor,
  wsUrl,
} from './testSupport.js';

afterEach(cleanUp);

const text = (doc: Y.Doc) => doc.getText('notes-draft').toString();

describe('two investigators on one case', () => {
  it('see each other’s edits and end with the same document', async () => {
    const server = await startTestServer(await makeTempDir());
    const room = newCaseId();
    const alice = connectClient(server.url, room);
    const bob = connectClient(server.url, room);
    await Promise.all([alice.synced, bob.synced]);

    alice.doc.getText('notes-draft').insert(0, 'Telegram channels posted it first. ');
    await waitFor(() => text(bob.doc).includes('Telegram'), 'Bob never saw Alice’s sentence');
    bob.doc.getText('notes-draft').insert(text(bob.doc).length, 'Then Moscow outlets.');
    await waitFor(() => text(alice.doc).includes('Moscow'), 'Alice never saw Bob’s sentence');

    expect(text(alice.doc)).toBe('Telegram channels posted it first. Then Moscow outlets.');
    expect(Y.encodeStateAsUpdate(alice.doc)).toEqual(Y.encodeStateAsUpdate(bob.doc));
  });

  it('keep cases apart: an edit in one room never reaches another', async () => {
    const server = await startTestServer(await makeTempDir());
    const one = connectClient(server.url, newCaseId());
    const other = connectClient(server.url, newCaseId());
    const onePeer = connectClient(server.url, one.provider.roomname);
    await Promise.all([one.synced, other.synced, onePeer.synced]);
    one.doc.getText('notes-draft').insert(0, 'only here');
    await waitFor(() => text(onePeer.doc) === 'only here', 'the peer in the same case never got the edit');
    await sleep(100);
    expect(text(other.doc)).toBe('');
  });

  it('see each other’s presence, and it disappears as soon as one leaves', async () => {
    const server = await startTestServer(await makeTempDir());
    const room = newCaseId();
    const alice = connectClient(server.url, room);
    const bob = connectClient(server.url, room);
    await Promise.all([alice.synced, bob.synced]);
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice', color: '#c00' });
    const aliceId = alice.doc.clientID;
    await waitFor(
      () => (bob.provider.awareness.getStates().get(aliceId) as { user?: { name: string } })?.user?.name === 'Alice',
      'Bob never saw Alice as present',
    );
    // Alice's laptop vanishes: no goodbye message, the socket just drops.
    alice.provider.shouldConnect = false;
    (alice.provider.ws as unknown as WebSocket).terminate();
    // Well before awareness's own 30 s timeout: the server removes a closed connection's states.
    await waitFor(() => !bob.provider.awareness.getStates().has(aliceId), 'Alice’s cursor stayed after she left', 2000);
  });
});

describe('durability', () => {
  it('keeps an update across close() and a restart on the same data directory', async () => {
    const dataDir = await makeTempDir();
    const room = newCaseId();
    const first = await startTestServer(dataDir);
    const writer = connectClient(first.url, room);
    const witness = connectClient(first.url, room);
    await Promise.all([writer.synced, witness.synced]);
    writer.doc.getText('notes-draft').insert(0, 'The Ministry of Defence denied it.');
    await waitFor(() => text(witness.doc) !== '', 'the witness never received the update');
    writer.destroy();
    witness.destroy();
    await first.close();

    const second = await startTestServer(dataDir);
    const reader = connectClient(second.url, room);
    await reader.synced;
    expect(text(reader.doc)).toBe('The Ministry of Defence denied it.');
  });

  it('stores an update before any other client receives it', async () => {
    // A slow disk: every write waits until the test lets it through.
    const writes = holdWrites();
    const { openStore } = writes;
    const server = await startTestServer(await makeTempDir(), { openStore });
    const room = newCaseId();
    const alice = connectClient(server.url, room);
    const bob = connectClient(server.url, room);
    await Promise.all([alice.synced, bob.synced]);

    alice.doc.getText('notes-draft').insert(0, 'held back until stored');
    await waitFor(() => writes.waiting > 0, 'the server never started storing the update');
    await sleep(150);
    expect(text(bob.doc)).toBe('');
    writes.release();
    await waitFor(() => text(bob.doc) === 'held back until stored', 'Bob never got the update once it was stored');
  });

  it('relays updates stored in one write as one message, each on disk before anyone sees it', async () => {
    const writes = holdWrites();
    const server = await startTestServer(await makeTempDir(), { openStore: writes.openStore });
    const room = newCaseId();
    const alice = connectClient(server.url, room);
    const bob = connectClient(server.url, room);
    const carol = connectClient(server.url, room);
    await Promise.all([alice.synced, bob.synced, carol.synced]);
    const isUpdate = (message: Uint8Array) => message[0] === 0 && message[1] === 2;
    const updatesTo = (client: { received: Uint8Array[] }) => client.received.filter(isUpdate).length;

    alice.doc.getText('notes-draft').insert(0, 'A');
    await waitFor(() => writes.waiting === 1, 'the first update was never written');
    // These two queue behind the held write and are stored together.
    alice.doc.getText('notes-draft').insert(1, 'a');
    bob.doc.getMap('meta').set('title', 'Astana');
    await sleep(200);
    const before = updatesTo(carol);
    writes.release();
    await waitFor(() => writes.waiting === 1, 'the queued updates were never written');
    expect(writes.batchSizes).toEqual([1, 2]);
    await sleep(150);
    // Only the first update is out; the batch waits for its write.
    expect(updatesTo(carol)).toBe(before + 1);
    expect(text(carol.doc)).toBe('A');
    expect(carol.doc.getMap('meta').get('title')).toBeUndefined();
    writes.release();
    await waitFor(
      () => text(carol.doc) === 'Aa' && carol.doc.getMap('meta').get('title') === 'Astana',
      'Carol never got the batch',
    );
    await waitFor(
      () => text(bob.doc) === 'Aa' && alice.doc.getMap('meta').get('title') === 'Astana',
      'the senders never got each other’s changes',
    );
    await sleep(100);
    expect(updatesTo(carol)).toBe(before + 2);
  });

  it('refuses an update it cannot store: the sender is told (1011), nobody else sees it, the case is unchanged', async () => {
    let failWrites = false;
    const openStore = async (dataDir: string): Promise<DocumentStore> => {
      const store = await LevelDocumentStore.open(dataDir);
      return Object.assign(Object.create(store) as DocumentStore, {
        appendAll: async (...args: Parameters<DocumentStore['appendAll']>) => {
          if (failWrites) throw new Error('disk full');
          await store.appendAll(...args);
        },
      });
    };
    const server = await startTestServer(await makeTempDir(), { openStore });
    const room = newCaseId();
    const alice = connectClient(server.url, room);
    const bob = connectClient(server.url, room);
    await Promise.all([alice.synced, bob.synced]);
    alice.doc.getText('notes-draft').insert(0, 'stored. ');
    await waitFor(() => text(bob.doc) === 'stored. ', 'Bob never got the first update');

    failWrites = true;
    const closes: number[] = [];
    alice.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    alice.doc.getText('notes-draft').insert(0, 'lost? ');
    await waitFor(() => closes.includes(CLOSE_INTERNAL_ERROR), 'Alice was never told her change was not stored');
    await sleep(100);
    expect(text(bob.doc)).toBe('stored. ');
    expect(server.logs.some((line) => line.includes('disk full'))).toBe(true);

    // Once the disk works again, Alice's reconnect re-sends what the server lacks: nothing is lost.
    failWrites = false;
    await waitFor(() => text(bob.doc) === 'lost? stored. ', 'the change never arrived after the store recovered');
  });
});

function syncUpdateMessage(payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

describe('bad input', () => {
  const badMessages: Array<[string, Uint8Array | string, number]> = [
    ['garbage bytes', new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x01, 0x02]), CLOSE_MALFORMED_MESSAGE],
    ['an unknown message type', new Uint8Array([7, 0, 0]), CLOSE_MALFORMED_MESSAGE],
    ['a truncated varint', new Uint8Array([0x80]), CLOSE_MALFORMED_MESSAGE],
    ['an empty message', new Uint8Array([]), CLOSE_MALFORMED_MESSAGE],
    [
      'an update that is not a Yjs update',
      syncUpdateMessage(new Uint8Array([5, 200, 17, 3, 99])),
      CLOSE_MALFORMED_MESSAGE,
    ],
    ['an awareness update that is not JSON', new Uint8Array([1, 5, 1, 7, 1, 1, 0x7b]), CLOSE_MALFORMED_MESSAGE],
    ['a text frame', 'hello', CLOSE_UNSUPPORTED_DATA],
  ];

  it.each(badMessages)(
    'a client sending %s is disconnected alone; the case and the others go on',
    async (_name, bad, code) => {
      const server = await startTestServer(await makeTempDir());
      const room = newCaseId();
      const alice = connectClient(server.url, room);
      const bob = connectClient(server.url, room);
      await Promise.all([alice.synced, bob.synced]);
      alice.doc.getText('notes-draft').insert(0, 'before. ');
      await waitFor(() => text(bob.doc) === 'before. ', 'Bob never got the first edit');

      const intruder = await openRawSocket(wsUrl(server.url, `/${room}`));
      const closed = closedWith(intruder);
      intruder.send(bad);
      const { code: closeCode, reason } = await closed;
      expect(closeCode).toBe(code);
      expect(reason.length).toBeGreaterThan(0);

      alice.doc.getText('notes-draft').insert(text(alice.doc).length, 'after.');
      await waitFor(() => text(bob.doc) === 'before. after.', 'Bob stopped receiving edits after the bad message');
      expect(alice.provider.wsconnected && bob.provider.wsconnected).toBe(true);

      const newcomer = connectClient(server.url, room);
      await newcomer.synced;
      expect(Y.encodeStateAsUpdate(newcomer.doc)).toEqual(Y.encodeStateAsUpdate(alice.doc));
    },
  );

  it('closes a connection that sends more than the maximum message size (1009)', async () => {
    const server = await startTestServer(await makeTempDir());
    const socket = await openRawSocket(wsUrl(server.url, `/${newCaseId()}`));
    const closed = closedWith(socket);
    socket.send(new Uint8Array(MAX_MESSAGE_BYTES + 1));
    expect((await closed).code).toBe(1009);
  });

  it('refuses, before the socket opens, any room that is not the workspace or a case id', async () => {
    const server = await startTestServer(await makeTempDir());
    const refused = [
      '/',
      '/notes',
      '/WORKSPACE',
      '/workspace/extra',
      `/${newCaseId()}x`,
      '/..%2Fworkspace',
      '/%77orkspace',
    ];
    for (const path of refused) {
      expect({ path, status: await upgradeStatus(wsUrl(server.url, path)) }).toEqual({ path, status: 400 });
    }
    expect(await upgradeStatus(wsUrl(server.url, '/workspace'))).toBe(101);
    expect(await upgradeStatus(wsUrl(server.url, `/${newCaseId()}?token=x`))).toBe(101);
  });
});

describe('rooms in memory', () => {
  it('are unloaded after the last client leaves, and load again from disk', async () => {
    const server = await startTestServer(await makeTempDir(), { roomUnloadDelayMs: 50 });
    const room = newCaseId();
    const writer = connectClient(server.url, room);
    await writer.synced;
    writer.doc.getText('notes-draft').insert(0, 'kept on disk');
    const health = async () => (await (await fetch(`${server.url}/health`)).json()) as { rooms: number };
    expect((await health()).rooms).toBe(1);
    // The update must have reached the server before the client goes away.
    const witness = connectClient(server.url, room);
    await waitFor(() => text(witness.doc) === 'kept on disk', 'the witness never got the update');
    writer.destroy();
    witness.destroy();
    const deadline = Date.now() + 3000;
    while ((await health()).rooms !== 0) {
      if (Date.now() > deadline) throw new Error('the room stayed in memory after everyone left');
      await sleep(20);
    }
    const reader = connectClient(server.url, room);
    await reader.synced;
    expect(text(reader.doc)).toBe('kept on disk');
  });
});

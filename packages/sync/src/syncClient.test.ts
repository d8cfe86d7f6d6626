import { initCase, newCaseId, readMeta, setSummary, setTitle } from '@casefile/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ConnectionStatus } from './syncClient.js';
import { cleanUp, makeClient, openSockets, startTestServer, until } from './testSupport.js';

const byTester = { by: { id: 'tester', name: 'Test investigator' } };

afterEach(cleanUp);

describe('two investigators on one case', () => {
  it('see each other’s edits', async () => {
    const server = await startTestServer();
    const room = newCaseId();
    const a = makeClient(server.url);
    const b = makeClient(server.url);
    const docA = new Y.Doc();
    initCase(docA, { title: 'Fake ballot photos' });
    const docB = new Y.Doc();
    const leaseA = a.client.acquire(room, docA);
    const leaseB = b.client.acquire(room, docB);

    await until(() => readMeta(docB).title === 'Fake ballot photos', 'B should receive the case A created');
    setSummary(docB, 'Photos from 2019, reposted as new', byTester);
    setTitle(docA, 'Fake ballot photos (Almaty)', byTester);
    await until(
      () => readMeta(docA).summary === 'Photos from 2019, reposted as new' && readMeta(docB).title.endsWith('(Almaty)'),
      'both edits should reach both investigators',
    );
    expect(readMeta(docA)).toEqual(readMeta(docB));
    expect(leaseA.status.get()).toBe('synced');
    expect(leaseB.status.get()).toBe('synced');
  });
});

describe('leases on one room', () => {
  it('share one socket, and releasing one keeps the other syncing', async () => {
    const server = await startTestServer();
    const room = newCaseId();
    const a = makeClient(server.url);
    const doc = new Y.Doc();
    const first = a.client.acquire(room, doc);
    const second = a.client.acquire(room, doc);
    expect(second.awareness).toBe(first.awareness);
    await until(() => second.status.get() === 'synced', 'the shared socket should sync');
    expect(a.sockets).toHaveLength(1);
    expect(await server.connections()).toBe(1);

    first.release();
    first.release();
    const b = makeClient(server.url);
    const docB = new Y.Doc();
    b.client.acquire(room, docB);
    initCase(docB, { title: 'Written by B after A released one lease' });
    await until(
      () => readMeta(doc).title === 'Written by B after A released one lease',
      'A should still receive edits',
    );
    expect(second.status.get()).toBe('synced');
    expect(a.sockets).toHaveLength(1);
    expect(openSockets(a.sockets)).toBe(1);

    second.release();
    await until(async () => (await server.connections()) === 1, 'the last release should close A’s socket');
    expect(openSockets(a.sockets)).toBe(0);
  });

  it('a lease that disconnects twice (as Lexical does on unmount) does not drop another lease’s socket', async () => {
    const server = await startTestServer();
    const room = newCaseId();
    const a = makeClient(server.url);
    const doc = new Y.Doc();
    const page = a.client.acquire(room, doc);
    const editor = a.client.acquire(room, doc);
    editor.connect(); // Lexical connects on mount: already connected, nothing changes
    await until(() => page.status.get() === 'synced', 'the room should sync');

    editor.disconnect();
    editor.disconnect();
    expect(page.status.get()).toBe('synced');
    expect(openSockets(a.sockets)).toBe(1);

    const b = makeClient(server.url);
    const docB = new Y.Doc();
    b.client.acquire(room, docB);
    initCase(docB, { title: 'Still arriving' });
    await until(() => readMeta(doc).title === 'Still arriving', 'the page lease should keep receiving edits');

    page.disconnect();
    await until(() => page.status.get() === 'offline', 'with no lease connected the room is offline');
    await until(async () => (await server.connections()) === 1, 'A’s socket should close');
    editor.connect();
    await until(() => page.status.get() === 'synced', 'a lease connecting again reopens the socket');
    expect(a.sockets).toHaveLength(2);
  });
});

describe('connection status', () => {
  it('goes connecting -> synced, offline when the device goes offline, and synced again when it is back', async () => {
    const server = await startTestServer();
    const a = makeClient(server.url);
    const lease = a.client.acquire(newCaseId(), new Y.Doc(), { connect: false });
    const seen: ConnectionStatus[] = [];
    lease.status.subscribe((status) => seen.push(status));
    expect(lease.status.get()).toBe('offline');

    lease.connect();
    await until(() => lease.status.get() === 'synced', 'the room should sync');
    expect(seen).toEqual(['connecting', 'synced']);

    a.online.set(false);
    expect(lease.status.get()).toBe('offline');
    // The socket is closed, not merely reported as offline.
    await until(async () => (await server.connections()) === 0, 'going offline should close the socket');

    a.online.set(true);
    await until(() => lease.status.get() === 'synced', 'coming back online should sync again');
    expect(seen).toEqual(['connecting', 'synced', 'offline', 'connecting', 'synced']);
  });

  it('stays offline with no socket when no server is set, and connects once one is', async () => {
    const server = await startTestServer();
    const a = makeClient(null);
    const doc = new Y.Doc();
    const lease = a.client.acquire(newCaseId(), doc);
    lease.connect();
    expect(a.client.serverUrl).toBeNull();
    expect(lease.status.get()).toBe('offline');
    setTitle(doc, 'Local only', byTester);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.sockets).toHaveLength(0);
    expect(await server.connections()).toBe(0);

    a.client.setServer(`${server.url}/`);
    expect(a.client.serverUrl).toBe(server.url);
    await until(() => lease.status.get() === 'synced', 'setting a server should connect the room');
    expect(a.sockets).toHaveLength(1);
  });
});

describe('peers', () => {
  it('show the other investigator’s name and colour, and drop them when they leave', async () => {
    const server = await startTestServer();
    const room = newCaseId();
    const a = makeClient(server.url);
    const b = makeClient(server.url);
    a.client.setLocalUser({ name: 'Aigerim', color: '#d33682' });
    const leaseA = a.client.acquire(room, new Y.Doc());
    const leaseB = b.client.acquire(room, new Y.Doc());
    b.client.setLocalUser({ name: 'Bolat', color: '#268bd2' });

    await until(() => leaseA.peers.get().some((peer) => peer.name === 'Bolat'), 'A should see Bolat');
    expect(leaseA.peers.get()).toEqual([
      { clientId: leaseA.awareness.clientID, name: 'Aigerim', color: '#d33682', isLocal: true },
      { clientId: leaseB.awareness.clientID, name: 'Bolat', color: '#268bd2', isLocal: false },
    ]);

    // Lexical's editor replaces the whole local awareness state when it mounts; the user stays.
    leaseB.awareness.setLocalState({ anchorPos: null, focusPos: null, focusing: true, name: 'B', color: 'red' });
    expect(leaseB.awareness.getLocalState()?.user).toEqual({ name: 'Bolat', color: '#268bd2' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(leaseA.peers.get().find((peer) => !peer.isLocal)?.name).toBe('Bolat');

    leaseB.release();
    await until(() => leaseA.peers.get().length === 1, 'Bolat should disappear once he leaves');
    expect(leaseA.peers.get()[0]?.name).toBe('Aigerim');
  });
});

describe('changing the server', () => {
  it('moves the room and keeps the lease (and its awareness and listeners) working', async () => {
    const first = await startTestServer();
    const second = await startTestServer();
    const room = newCaseId();
    const a = makeClient(first.url);
    const doc = new Y.Doc();
    initCase(doc, { title: 'Started on the first server' });
    const lease = a.client.acquire(room, doc);
    const awareness = lease.awareness;
    const events: string[] = [];
    lease.on('status', ({ status }: { status: string }) => events.push(status));
    await until(() => lease.status.get() === 'synced', 'the room should sync with the first server');

    a.client.setServer(second.url);
    expect(lease.awareness).toBe(awareness);
    await until(() => lease.status.get() === 'synced', 'the room should sync with the second server');
    expect(events.slice(-3)).toEqual(['disconnected', 'connecting', 'connected']);
    await until(async () => (await first.connections()) === 0, 'the first server should be left');

    // A colleague on the second server gets what was written before and after the move.
    setSummary(doc, 'Written after the move', byTester);
    const c = makeClient(second.url);
    const docC = new Y.Doc();
    c.client.acquire(room, docC);
    await until(
      () =>
        readMeta(docC).title === 'Started on the first server' && readMeta(docC).summary === 'Written after the move',
      'the second server should have the whole case',
    );
    setTitle(docC, 'Renamed on the second server', byTester);
    await until(() => readMeta(doc).title === 'Renamed on the second server', 'the lease should receive edits again');
  });
});

describe('rooms', () => {
  it('refuse a second, different document for the same case', () => {
    const a = makeClient(null);
    const room = newCaseId();
    a.client.acquire(room, new Y.Doc());
    expect(() => a.client.acquire(room, new Y.Doc())).toThrow(/already open with another copy/);
  });
});

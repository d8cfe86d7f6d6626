import { newCaseId } from '@casefile/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ConnectionStatus, RoomLease } from './syncClient.js';
import { cleanUp, makeClient, startTestServer, until } from './testSupport.js';

afterEach(cleanUp);

const notes = (doc: Y.Doc) => doc.getText('notes-draft');

/** Every value an observable takes from now on. */
function record<T>(observable: { subscribe(listener: (value: T) => void): () => void }): T[] {
  const seen: T[] = [];
  observable.subscribe((value) => seen.push(value));
  return seen;
}

async function readOnServer(url: string, room: string): Promise<string> {
  const reader = makeClient(url);
  const doc = new Y.Doc();
  const lease = reader.client.acquire(room, doc);
  await until(() => lease.status.get() === 'synced', 'a second investigator could not sync the case');
  const text = notes(doc).toString();
  lease.release();
  return text;
}

describe('changes not yet on the server', () => {
  it('are counted while offline (deletions too) and confirmed after reconnecting: syncing, then synced', async () => {
    const server = await startTestServer();
    const room = newCaseId();
    const a = makeClient(server.url);
    const doc = new Y.Doc();
    const lease: RoomLease = a.client.acquire(room, doc);
    await until(() => lease.status.get() === 'synced', 'the case should sync');
    const firstSynced = lease.lastSyncedAt.get();
    expect(firstSynced).toBeInstanceOf(Date);
    notes(doc).insert(0, 'Posted first on Telegram. ');
    await until(() => lease.pending.get() === 0 && lease.status.get() === 'synced', 'the online edit was confirmed');

    a.online.set(false);
    expect(lease.status.get()).toBe('offline');
    notes(doc).insert(notes(doc).length, 'Then by two outlets.');
    notes(doc).delete(0, 'Posted first on Telegram. '.length);
    expect(lease.pending.get()).toBe(2);
    expect(a.client.pending.get()).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lease.pending.get()).toBe(2);

    const statuses = record<ConnectionStatus>(lease.status);
    a.online.set(true);
    await until(() => lease.status.get() === 'synced', 'coming back online should confirm the offline edits');
    expect(statuses).toEqual(['connecting', 'syncing', 'synced']);
    expect(lease.pending.get()).toBe(0);
    expect(a.client.pending.get()).toBe(0);
    expect(lease.lastSyncedAt.get()?.getTime()).toBeGreaterThan(firstSynced?.getTime() ?? Number.POSITIVE_INFINITY);
    expect(await readOnServer(server.url, room)).toBe('Then by two outlets.');

    // A colleague's edit arriving from the server is no local change.
    const colleague = makeClient(server.url);
    const theirs = new Y.Doc();
    const theirLease = colleague.client.acquire(room, theirs);
    await until(() => theirLease.status.get() === 'synced', 'the colleague should sync');
    notes(theirs).insert(0, 'Colleague: ');
    await until(() => notes(doc).toString().startsWith('Colleague: '), 'the colleague’s edit should arrive');
    expect(lease.pending.get()).toBe(0);
    expect(lease.status.get()).toBe('synced');
  });

  it('made while the server is down stay counted, and clear once it is back', async () => {
    const first = await startTestServer();
    const room = newCaseId();
    const a = makeClient(first.url);
    const doc = new Y.Doc();
    const lease = a.client.acquire(room, doc);
    await until(() => lease.status.get() === 'synced', 'the case should sync');

    await first.close();
    await until(() => lease.status.get() !== 'synced', 'the client should notice the server is gone');
    notes(doc).insert(0, 'Written during the outage.');
    expect(lease.pending.get()).toBe(1);
    // The socket keeps retrying and failing; the change stays counted.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(lease.pending.get()).toBe(1);
    expect(['offline', 'connecting']).toContain(lease.status.get());

    const second = await startTestServer(first.dataDir, { port: first.port });
    await until(() => lease.status.get() === 'synced', 'the edit should be confirmed by the restarted server', 15_000);
    expect(lease.pending.get()).toBe(0);
    expect(await readOnServer(second.url, room)).toBe('Written during the outage.');
  });

  it('after a reload are found from what the server lacks, and cleared once it has them', async () => {
    const server = await startTestServer();
    const room = newCaseId();
    // An earlier session wrote offline: its changes come back from local storage before the case
    // joins its room, under that session's client id.
    const earlier = new Y.Doc();
    notes(earlier).insert(0, 'From before the reload.');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(earlier), 'local storage');
    earlier.destroy();

    const a = makeClient(server.url);
    const lease = a.client.acquire(room, doc, { connect: false });
    expect(lease.pending.get()).toBe(0);
    const counts = record<number>(lease.pending);
    const statuses = record<ConnectionStatus>(lease.status);
    lease.connect();
    await until(() => lease.status.get() === 'synced', 'the case should sync');
    expect(counts).toEqual([1, 0]);
    expect(statuses).toEqual(['connecting', 'syncing', 'synced']);
    expect(await readOnServer(server.url, room)).toBe('From before the reload.');
  });

  it('of every open room add up on the client, and a released room no longer counts', async () => {
    const a = makeClient('http://127.0.0.1:9');
    a.online.set(false);
    const one = new Y.Doc();
    const other = new Y.Doc();
    const first = a.client.acquire(newCaseId(), one);
    const second = a.client.acquire(newCaseId(), other);
    notes(one).insert(0, 'a');
    notes(one).insert(1, 'b');
    notes(other).insert(0, 'c');
    expect([first.pending.get(), second.pending.get(), a.client.pending.get()]).toEqual([2, 1, 3]);
    // Another tab's changes, arriving through local storage, count too: this tab sends them as well.
    const otherTab = new Y.Doc();
    notes(otherTab).insert(0, 'from the other tab');
    Y.applyUpdate(other, Y.encodeStateAsUpdate(otherTab), 'local storage');
    expect(second.pending.get()).toBe(2);
    second.release();
    expect(a.client.pending.get()).toBe(2);
  });

  it('are not counted with no server set: nothing would ever send them', () => {
    const a = makeClient(null);
    const doc = new Y.Doc();
    const lease = a.client.acquire(newCaseId(), doc);
    notes(doc).insert(0, 'kept on this device only');
    expect(lease.pending.get()).toBe(0);

    a.client.setServer('http://127.0.0.1:9');
    a.online.set(false);
    notes(doc).insert(0, 'waiting for the server. ');
    expect(lease.pending.get()).toBe(1);
    a.client.setServer(null);
    expect([lease.pending.get(), a.client.pending.get()]).toEqual([0, 0]);
  });
});

describe('a deletion made offline', () => {
  it('is confirmed only by the ack, not by the state vector (deleting advances no clock)', async () => {
    const server = await startTestServer();
    const room = newCaseId();
    const a = makeClient(server.url);
    const doc = new Y.Doc();
    const lease = a.client.acquire(room, doc);
    notes(doc).insert(0, 'A claim later withdrawn.');
    await until(() => lease.status.get() === 'synced', 'the case should sync');

    a.online.set(false);
    notes(doc).delete(0, notes(doc).length);
    expect(lease.pending.get()).toBe(1);
    const statuses = record<ConnectionStatus>(lease.status);
    a.online.set(true);
    await until(() => lease.status.get() === 'synced', 'the deletion should be confirmed');
    expect(statuses).toEqual(['connecting', 'syncing', 'synced']);
    expect(await readOnServer(server.url, room)).toBe('');

    // Online, a deletion is confirmed by the ack of the very message that carried it.
    notes(doc).insert(0, 'Another claim.');
    await until(() => lease.pending.get() === 0, 'the insertion should be confirmed');
    notes(doc).delete(0, 'Another '.length);
    expect(lease.pending.get()).toBe(1);
    await until(() => lease.pending.get() === 0, 'the online deletion should be confirmed by its ack');
    expect(await readOnServer(server.url, room)).toBe('claim.');
  });
});

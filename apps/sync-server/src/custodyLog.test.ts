import { join } from 'node:path';
import { appendLogEntry, newCaseId } from '@casefile/model';
import { ClassicLevel } from 'classic-level';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type CustodyEntry, readCustody, verifyCustodyChain } from './custodyLog.js';
import { LevelDocumentStore } from './persistence.js';
import {
  cleanUp,
  connectClient,
  holdWrites,
  makeTempDir,
  startTestServer,
  type TestServer,
  waitFor,
} from './testSupport.js';

afterEach(cleanUp);

async function custodyOf(server: TestServer, caseId: string, token = server.ownerToken) {
  const response = await fetch(`${server.url}/cases/${caseId}/custody`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    entries: CustodyEntry[];
    verification: { valid: boolean };
    lastHash: string;
  };
}

describe('the custody record', () => {
  it('names the authenticated user behind each change, with the client’s own time for offline work', async () => {
    const dataDir = await makeTempDir();
    const server = await startTestServer(dataDir);
    const caseId = newCaseId();
    const alice = connectClient(server.url, caseId, new Y.Doc(), { token: await server.token('alice', 'editor') });
    await alice.synced;
    alice.doc.getMap('meta').set('title', 'Astana centre');
    const bob = connectClient(server.url, caseId, new Y.Doc(), { token: await server.token('bob', 'editor', caseId) });
    await bob.synced;
    await waitFor(() => bob.doc.getMap('meta').get('title') === 'Astana centre', 'bob never saw the title');
    // Bob works offline: his log entry carries the time he made the change.
    bob.provider.disconnect();
    const madeOffline = '2026-03-01T09:30:00.000Z';
    bob.doc.transact(() => {
      bob.doc.getMap('claims').set('c1', new Y.Map());
      appendLogEntry(bob.doc, {
        at: madeOffline,
        by: { id: 'bob-device', name: 'Someone else entirely' },
        action: 'created',
        target: { type: 'claim', id: 'c1', label: 'Claim' },
        fields: {},
      });
    });
    bob.provider.connect();
    await waitFor(() => alice.doc.getMap('claims').has('c1'), 'bob’s offline work never arrived');

    const { entries, verification } = await custodyOf(server, caseId, await server.token('vera', 'viewer', caseId));
    expect(verification.valid).toBe(true);
    expect(entries.map((entry) => entry.user)).toEqual(['alice', 'bob']);
    expect(entries[0]?.summary.keys).toEqual(['meta/title']);
    // The log entry claimed another name; the record names the token's user, and keeps the client's time beside.
    expect(entries[1]?.summary.roots).toEqual(['claims', 'log']);
    expect(entries[1]?.clientTime).toBe(madeOffline);
    expect((entries[1]?.serverTime ?? '') > madeOffline).toBe(true);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);

    // Clients read it but cannot write it: there is no such method.
    const write = await fetch(`${server.url}/cases/${caseId}/custody`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.ownerToken}` },
      body: '{}',
    });
    expect(write.status).toBe(405);
  });

  it('gives each update of a batch stored in one write its own chained entry, placed even when it builds on the batch', async () => {
    const writes = holdWrites();
    const server = await startTestServer(await makeTempDir(), { openStore: writes.openStore });
    const caseId = newCaseId();
    const alice = connectClient(server.url, caseId, new Y.Doc(), { token: await server.token('alice', 'editor') });
    await alice.synced;
    const claim = new Y.Map<unknown>();
    claim.set('text', new Y.Text());
    alice.doc.getMap('claims').set('c1', claim);
    await waitFor(() => writes.waiting === 1, 'the claim was never written');
    writes.release();
    await waitFor(() => writes.completed === 1, 'the claim was never stored');

    const text = claim.get('text') as Y.Text;
    text.insert(0, 'a');
    await waitFor(() => writes.waiting === 1, 'the first keystroke was never written');
    // These queue behind the held write; each attaches to a character not yet in the server's document.
    text.insert(1, 'b');
    text.insert(2, 'c');
    text.insert(3, 'x');
    text.delete(3, 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    writes.release();
    await waitFor(() => writes.waiting === 1, 'the queued keystrokes were never written');
    writes.release();
    await waitFor(() => writes.completed === 6, 'the keystrokes were never stored');

    expect(writes.batchSizes).toEqual([1, 1, 4]);
    const { entries, verification } = await custodyOf(server, caseId);
    expect(verification.valid).toBe(true);
    expect(entries.map((entry) => entry.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const entry of entries) expect(entry.summary.keys).toEqual(['claims/c1']);
    expect(entries.map((entry) => [entry.summary.inserted, entry.summary.deleted])).toEqual([
      [2, 0],
      [1, 0],
      [1, 0],
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
  });

  it('detects a change to any past entry through its hash chain', async () => {
    const dataDir = await makeTempDir();
    const server = await startTestServer(dataDir);
    const caseId = newCaseId();
    const writer = connectClient(server.url, caseId, new Y.Doc(), { token: await server.token('mallory', 'editor') });
    await writer.synced;
    for (let i = 0; i < 5; i++) writer.doc.getMap('meta').set('title', `Title ${i}`);
    const deadline = Date.now() + 5000;
    while ((await custodyOf(server, caseId)).entries.length < 5) {
      if (Date.now() > deadline) throw new Error('Five custody entries never appeared.');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await server.close();

    // Someone with the disk rewrites entry 2 to blame another user, even recomputing its own hash.
    const db = new ClassicLevel<string, string>(join(dataDir, 'documents'), { valueEncoding: 'utf8' });
    const keys = await db.keys({ gte: `k/${caseId}/`, lt: `k/${caseId}/~` }).all();
    const key = keys[2] ?? '';
    const entry = JSON.parse((await db.get(key)) ?? '{}') as CustodyEntry;
    const { custodyEntryHash } = await import('./custodyLog.js');
    const forged = { ...entry, user: 'alice' };
    forged.hash = custodyEntryHash(forged);
    await db.put(key, JSON.stringify(forged));
    await db.close();

    const store = await LevelDocumentStore.open(dataDir);
    const { verification, entries } = await readCustody(store, caseId);
    await store.close();
    expect(verification).toEqual({
      valid: false,
      entries: 5,
      brokenAt: 3,
      reason: 'entry 3 does not follow the entry before it',
    });
    // A change that keeps the old hash is caught at the entry itself.
    const edited = entries.map((e) => ({ ...e }));
    if (edited[1]) edited[1].serverTime = '2020-01-01T00:00:00.000Z';
    expect(verifyCustodyChain(edited)).toMatchObject({ valid: false, brokenAt: 1 });
    // Removing an entry is caught too.
    expect(verifyCustodyChain([...entries.slice(0, 1), ...entries.slice(2)])).toMatchObject({
      valid: false,
      brokenAt: 1,
    });
  });
});

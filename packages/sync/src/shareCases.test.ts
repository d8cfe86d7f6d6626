import { initCase, newCaseId, readMeta } from '@casefile/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncError, shareCases } from './shareCases.js';
import { cleanUp, makeClient, startTestServer, until } from './testSupport.js';

afterEach(cleanUp);

describe('sharing local cases with a server', () => {
  it('pushes cases made offline to a server that lacks them, then lets go of them', async () => {
    const server = await startTestServer();
    const local = new Map<string, Y.Doc>();
    for (const title of ['Made offline 1', 'Made offline 2', 'Made offline 3']) {
      const doc = new Y.Doc();
      initCase(doc, { title });
      local.set(newCaseId(), doc);
    }
    const a = makeClient(server.url);
    let held = 0;
    await shareCases(a.client, [...local.keys()], async (id) => {
      held++;
      return { doc: local.get(id) as Y.Doc, release: () => held-- };
    });
    expect(held).toBe(0);
    await until(async () => (await server.connections()) === 0, 'shared cases should be released');

    // What the server stored survives a restart: a colleague opens every case from it.
    await server.close();
    const restarted = await startTestServer(server.dataDir);
    const b = makeClient(restarted.url);
    for (const [id, doc] of local) {
      const copy = new Y.Doc();
      const lease = b.client.acquire(id, copy);
      await until(() => lease.status.get() === 'synced', `case ${id} should sync`);
      expect(readMeta(copy).title).toBe(readMeta(doc).title);
    }
  });

  it('shares the cases it can and names the ones it cannot', async () => {
    const server = await startTestServer();
    const a = makeClient(server.url);
    const good = newCaseId();
    const broken = newCaseId();
    const doc = new Y.Doc();
    initCase(doc, { title: 'Good' });
    const failure = await shareCases(a.client, [good, broken], async (id) => {
      if (id === broken) throw new Error('Case could not be opened: its saved copy is damaged.');
      return { doc, release: () => {} };
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SyncError);
    expect((failure as Error).message).toBe(
      `1 of 2 cases could not be shared (${broken}): Case could not be opened: its saved copy is damaged. They stay in this browser; try again later.`,
    );
    const b = makeClient(server.url);
    const copy = new Y.Doc();
    b.client.acquire(good, copy);
    await until(() => readMeta(copy).title === 'Good', 'the good case should have been shared');
  });

  it('refuses to run without a server', async () => {
    const a = makeClient(null);
    await expect(shareCases(a.client, [newCaseId()], async () => ({ doc: new Y.Doc(), release() {} }))).rejects.toThrow(
      /No sync server is set/,
    );
  });
});

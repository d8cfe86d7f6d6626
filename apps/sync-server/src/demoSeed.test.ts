import { isCaseId, listCases, readMeta, richTextPlainText, WORKSPACE_ROOM } from '@casefile/model';
import { DEMO_CASE_TITLE } from '@casefile/model/demo';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_SEEDED_MARKER, seedDemoCaseOnce } from './demoSeed.js';
import { LevelDocumentStore } from './persistence.js';
import { cleanUp, connectClient, makeTempDir, onCleanup, startTestServer } from './testSupport.js';

afterEach(cleanUp);

async function workspaceCases(url: string) {
  const client = connectClient(url, WORKSPACE_ROOM);
  await client.synced;
  const cases = listCases(client.doc);
  client.destroy();
  return cases;
}

describe('the demo case', () => {
  it('is written into a new data directory once, and never again after restarts', async () => {
    const dataDir = await makeTempDir();
    const first = await startTestServer(dataDir, { seedDemo: true });
    const cases = await workspaceCases(first.url);
    expect(cases).toHaveLength(1);
    const [demo] = cases;
    expect(demo?.title).toBe(DEMO_CASE_TITLE);
    expect(isCaseId(demo?.id)).toBe(true);

    const caseClient = connectClient(first.url, demo?.id ?? '');
    await caseClient.synced;
    expect(readMeta(caseClient.doc).title).toBe(DEMO_CASE_TITLE);
    expect(readMeta(caseClient.doc).status).toBe('in review');
    expect(richTextPlainText(caseClient.doc, 'notes')).toContain(
      'The Ministry of Defence quickly issued a public denial.',
    );
    caseClient.destroy();
    await first.close();

    for (let restart = 0; restart < 2; restart++) {
      const again = await startTestServer(dataDir, { seedDemo: true });
      expect(await workspaceCases(again.url)).toEqual(cases);
      await again.close();
    }
  });

  it('is not written when seeding is off', async () => {
    const server = await startTestServer(await makeTempDir(), { seedDemo: false });
    expect(await workspaceCases(server.url)).toEqual([]);
  });

  it('is not added to a data directory that already holds documents', async () => {
    const store = await LevelDocumentStore.open(await makeTempDir());
    onCleanup(() => store.close());
    const workspace = new Y.Doc();
    workspace.getMap('cases');
    await store.append(WORKSPACE_ROOM, Y.encodeStateAsUpdate(workspace));
    expect(await seedDemoCaseOnce(store, () => {})).toBeNull();
    expect(await store.getMarker(DEMO_SEEDED_MARKER)).toMatch(/skipped/);
    expect(await store.loadUpdates(WORKSPACE_ROOM)).toHaveLength(1);
  });

  it('writes the case, its workspace entry and the marker together', async () => {
    const store = await LevelDocumentStore.open(await makeTempDir());
    onCleanup(() => store.close());
    const id = await seedDemoCaseOnce(store, () => {}, new Date('2026-01-05T08:00:00Z'));
    expect(isCaseId(id)).toBe(true);
    expect(await store.getMarker(DEMO_SEEDED_MARKER)).toBe(id);
    const workspace = new Y.Doc();
    for (const update of await store.loadUpdates(WORKSPACE_ROOM)) Y.applyUpdate(workspace, update);
    expect(listCases(workspace)).toEqual([
      { id, title: DEMO_CASE_TITLE, status: 'in review', updatedAt: '2026-01-05T08:00:00.000Z' },
    ]);
    expect(await store.loadUpdates(id ?? '')).toHaveLength(1);
    expect(await seedDemoCaseOnce(store, () => {})).toBeNull();
  });
});

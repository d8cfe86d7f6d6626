import { createHash } from 'node:crypto';
import { isCaseId, listCases, listEvidence, readMeta, richTextPlainText, WORKSPACE_ROOM } from '@casefile/model';
import { DEMO_CASE_TITLE } from '@casefile/model/demo';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BlobFiles } from './blobFiles.js';
import { DEMO_SEEDED_MARKER, seedDemoCaseOnce } from './demoSeed.js';
import { LevelDocumentStore } from './persistence.js';
import { authorizedFetch, cleanUp, connectClient, makeTempDir, onCleanup, startTestServer } from './testSupport.js';

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
    // Every file the demo's evidence lists can be downloaded through the demo case, hash intact.
    const files = listEvidence(caseClient.doc).flatMap((item) => item.files);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const response = await authorizedFetch(`${first.url}/cases/${demo?.id}/blobs/${file.sha256}`);
      expect(response.status).toBe(200);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(bytes.byteLength).toBe(file.size);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    }
    const quotes = listEvidence(caseClient.doc).filter((item) => item.kind === 'quote');
    for (const quote of quotes) {
      const response = await authorizedFetch(`${first.url}/cases/${demo?.id}/blobs/${quote.files[0]?.sha256}`);
      expect(await response.text()).toBe(quote.quote);
    }
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
    const dataDir = await makeTempDir();
    const store = await LevelDocumentStore.open(dataDir);
    onCleanup(() => store.close());
    const blobFiles = await BlobFiles.open(dataDir);
    const workspace = new Y.Doc();
    workspace.getMap('cases');
    await store.append(WORKSPACE_ROOM, Y.encodeStateAsUpdate(workspace));
    expect(await seedDemoCaseOnce(store, blobFiles, () => {})).toBeNull();
    expect(await store.getMarker(DEMO_SEEDED_MARKER)).toMatch(/skipped/);
    expect(await store.loadUpdates(WORKSPACE_ROOM)).toHaveLength(1);
    expect(await blobFiles.list()).toEqual([]);
  });

  it('writes the case, its workspace entry and the marker together', async () => {
    const dataDir = await makeTempDir();
    const store = await LevelDocumentStore.open(dataDir);
    onCleanup(() => store.close());
    const blobFiles = await BlobFiles.open(dataDir);
    const id = await seedDemoCaseOnce(store, blobFiles, () => {}, new Date('2026-01-05T08:00:00Z'));
    expect(isCaseId(id)).toBe(true);
    expect(await store.getMarker(DEMO_SEEDED_MARKER)).toBe(id);
    const workspace = new Y.Doc();
    for (const update of await store.loadUpdates(WORKSPACE_ROOM)) Y.applyUpdate(workspace, update);
    expect(listCases(workspace)).toEqual([
      { id, title: DEMO_CASE_TITLE, status: 'in review', updatedAt: '2026-01-05T08:00:00.000Z' },
    ]);
    expect(await store.loadUpdates(id ?? '')).toHaveLength(1);
    const stored = await blobFiles.list();
    expect(stored.length).toBeGreaterThan(0);
    expect(await seedDemoCaseOnce(store, blobFiles, () => {})).toBeNull();
    expect(await blobFiles.list()).toEqual(stored);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LevelDocumentStore, StoreLockedError } from './persistence.js';
import { cleanUp, makeTempDir, onCleanup, waitFor } from './testSupport.js';

afterEach(cleanUp);

/** Plain byte arrays, so that a Buffer and a Uint8Array with the same bytes compare equal. */
const bytes = (updates: Uint8Array[]) => updates.map((update) => Array.from(update));

async function openStore(dataDir?: string, options: Parameters<typeof LevelDocumentStore.open>[1] = {}) {
  const store = await LevelDocumentStore.open(dataDir ?? (await makeTempDir()), options);
  onCleanup(() => store.close().catch(() => {}));
  return store;
}

/** Edits a document three times and returns the three updates. */
function threeEdits(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  doc.getText('t').insert(0, 'NATO');
  doc.getText('t').insert(4, ' centre');
  doc.getMap('meta').set('status', 'in review');
  return { doc, updates };
}

function docFrom(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return doc;
}

describe('the LevelDB document store', () => {
  it('appends updates per room, in order, and keeps rooms apart', async () => {
    const store = await openStore();
    const { doc, updates } = threeEdits();
    for (const update of updates) await store.append('workspace', update);
    await store.append('aaaaaaaaaaaaaaaaaaaaaaaa', new Uint8Array([0, 0]));
    expect(bytes(await store.loadUpdates('workspace'))).toEqual(bytes(updates));
    expect(await store.loadUpdates('bbbbbbbbbbbbbbbbbbbbbbbb')).toEqual([]);
    expect(
      docFrom(await store.loadUpdates('workspace'))
        .getText('t')
        .toString(),
    ).toBe(doc.getText('t').toString());
  });

  it('keeps appending after a reopen without overwriting earlier updates', async () => {
    const dir = await makeTempDir();
    const { updates } = threeEdits();
    const first = await LevelDocumentStore.open(dir);
    await first.append('workspace', updates[0] as Uint8Array);
    await first.close();
    const second = await openStore(dir);
    await second.append('workspace', updates[1] as Uint8Array);
    expect(bytes(await second.loadUpdates('workspace'))).toEqual(bytes(updates.slice(0, 2)));
  });

  it('compacts a room into one update holding the same document, and appends after it', async () => {
    const store = await openStore();
    const { doc, updates } = threeEdits();
    for (const update of updates) await store.append('workspace', update);
    await store.compact('workspace');
    const compacted = await store.loadUpdates('workspace');
    expect(compacted).toHaveLength(1);
    expect(Y.encodeStateAsUpdate(docFrom(compacted))).toEqual(Y.encodeStateAsUpdate(doc));

    doc.getText('t').insert(0, 'Fake: ');
    await store.append('workspace', Y.encodeStateAsUpdate(doc));
    const after = await store.loadUpdates('workspace');
    expect(after).toHaveLength(2);
    expect(docFrom(after).getText('t').toString()).toBe('Fake: NATO centre');
  });

  it('compacts in the background after the configured number of updates', async () => {
    const store = await openStore(undefined, { compactAfterUpdates: 5 });
    const doc = new Y.Doc();
    for (let i = 0; i < 5; i++) {
      doc.getArray('log').push([i]);
      await store.append('workspace', Y.encodeStateAsUpdate(doc));
    }
    let count = 5;
    const deadline = Date.now() + 3000;
    while (count > 1 && Date.now() < deadline) count = (await store.loadUpdates('workspace')).length;
    expect(count).toBe(1);
    expect(
      docFrom(await store.loadUpdates('workspace'))
        .getArray('log')
        .toArray(),
    ).toEqual([0, 1, 2, 3, 4]);
  });

  it('writes several rooms and markers atomically, and knows whether it is empty', async () => {
    const store = await openStore();
    expect(await store.isEmpty()).toBe(true);
    expect(await store.getMarker('seeded')).toBeNull();
    await store.appendAll([{ room: 'workspace', update: new Uint8Array([0, 0]) }], { seeded: 'yes' });
    expect(await store.isEmpty()).toBe(false);
    expect(await store.getMarker('seeded')).toBe('yes');
  });

  it('refuses a data directory another server holds, with a message saying what to do', async () => {
    const dir = await makeTempDir();
    await openStore(dir);
    await expect(LevelDocumentStore.open(dir)).rejects.toThrow(StoreLockedError);
    await expect(LevelDocumentStore.open(dir)).rejects.toThrow(/in use by another Casefile sync server/);
  });

  it('waits for a running compaction when closing', async () => {
    const store = await LevelDocumentStore.open(await makeTempDir());
    const { updates } = threeEdits();
    for (const update of updates) await store.append('workspace', update);
    let compacted = false;
    void store.compact('workspace').then(() => {
      compacted = true;
    });
    await store.close();
    await waitFor(() => compacted, 'compaction never finished');
  });
});

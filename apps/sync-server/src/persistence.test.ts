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

  it('refuses a compaction batch size below 2 before opening anything', async () => {
    const dir = await makeTempDir();
    await expect(LevelDocumentStore.open(dir, { compactBatchSize: 1 })).rejects.toThrow(RangeError);
    // Nothing was left locked: the directory opens.
    await openStore(dir);
  });
});

describe('bounded compaction', () => {
  const ROOM = 'workspace';

  /** A document written as `count` small updates, one per edit, as clients typing would store it. */
  function smallUpdates(count: number): { doc: Y.Doc; updates: Uint8Array[] } {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < count; i++) {
      if (i % 10 === 9) doc.getMap('meta').set(`k${i % 50}`, i);
      else {
        const text = doc.getText('notes');
        text.insert((i * 7919) % (text.length + 1), `${i % 10}`);
      }
    }
    return { doc, updates };
  }

  /** Same content: state vector, delete set and what the types hold. */
  function expectSameDocument(actual: Y.Doc, expected: Y.Doc): void {
    expect(Y.encodeStateVector(actual)).toEqual(Y.encodeStateVector(expected));
    expect(Y.equalSnapshots(Y.snapshot(actual), Y.snapshot(expected))).toBe(true);
    expect(actual.getText('notes').toString()).toBe(expected.getText('notes').toString());
    expect(actual.getMap('meta').toJSON()).toEqual(expected.getMap('meta').toJSON());
  }

  it('merges 5,000 stored updates in steps of at most the batch size, yielding between steps', async () => {
    const steps: number[] = [];
    let turnsBetweenSteps = 0;
    let yieldedBeforeEveryStep = true;
    const store = await openStore(undefined, {
      compactAfterUpdates: 1_000_000,
      compactBatchSize: 500,
      syncWrites: false,
      onCompactionStep: (room, merged) => {
        expect(room).toBe(ROOM);
        steps.push(merged);
        // Work queued after the previous step must have run before this one: the server's
        // sockets get their turn between steps.
        if (steps.length > 1 && turnsBetweenSteps === 0) yieldedBeforeEveryStep = false;
        turnsBetweenSteps = 0;
        setImmediate(() => turnsBetweenSteps++);
      },
    });
    const { doc, updates } = smallUpdates(5000);
    await store.appendAll(updates.map((update) => ({ room: ROOM, update })));
    expect(await store.loadUpdates(ROOM)).toHaveLength(5000);

    await store.compact(ROOM);

    expect(Math.max(...steps)).toBeLessThanOrEqual(500);
    // 5,000 updates take ten steps of 500, then one more merges their ten results.
    expect(steps).toEqual([...Array<number>(10).fill(500), 10]);
    expect(yieldedBeforeEveryStep).toBe(true);
    const stored = await store.loadUpdates(ROOM);
    expect(stored).toHaveLength(1);
    expectSameDocument(docFrom(stored), doc);
  });

  it('leaves a complete set of updates after each step: one step of 500 turns 5,000 into 4,501', async () => {
    const dir = await makeTempDir();
    const { doc, updates } = smallUpdates(5000);
    const first = await LevelDocumentStore.open(dir, {
      compactAfterUpdates: 1_000_000,
      syncWrites: false,
      // Closing after the first step stops compaction there, as a shutdown mid-compaction would.
      onCompactionStep: () => void closed.push(first.close()),
    });
    const closed: Promise<void>[] = [];
    await first.appendAll(updates.map((update) => ({ room: ROOM, update })));
    await first.compact(ROOM);
    await Promise.all(closed);

    const second = await openStore(dir, { compactAfterUpdates: 1_000_000 });
    const stored = await second.loadUpdates(ROOM);
    expect(stored).toHaveLength(4501);
    expectSameDocument(docFrom(stored), doc);
    // The next compaction carries on to one update.
    await second.compact(ROOM);
    const compacted = await second.loadUpdates(ROOM);
    expect(compacted).toHaveLength(1);
    expectSameDocument(docFrom(compacted), doc);
  });

  it('keeps updates appended while it runs, untouched and after the merged one', async () => {
    const appended: Promise<void>[] = [];
    const { doc, updates } = smallUpdates(1200);
    const later: Uint8Array[] = [];
    const store = await openStore(undefined, {
      compactAfterUpdates: 1_000_000,
      compactBatchSize: 100,
      onCompactionStep: () => {
        // A client types while compaction runs: its update is appended between two steps.
        if (later.length < 5) {
          // smallUpdates' listener records the edit's update.
          doc.getText('notes').insert(0, 'x');
          const update = updates[updates.length - 1] as Uint8Array;
          later.push(update);
          appended.push(store.append(ROOM, update));
        }
      },
    });
    await store.appendAll(updates.map((update) => ({ room: ROOM, update })));
    await store.compact(ROOM);
    await Promise.all(appended);

    const stored = await store.loadUpdates(ROOM);
    expect(later).toHaveLength(5);
    // One merged update, then the five appended meanwhile, as they were sent.
    expect(stored).toHaveLength(6);
    expect(bytes(stored.slice(1))).toEqual(bytes(later));
    expectSameDocument(docFrom(stored), doc);
  });
});

import {
  getCaseEntry,
  listCases,
  MAX_TITLE_LENGTH,
  newCaseId,
  readMeta,
  richTextPlainText,
  richTextRoot,
  setSummary,
  setTitle,
  ValidationError,
} from '@casefile/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { acquireCaseDoc, acquireWorkspaceDoc, createCase, listLocalCaseIds } from './caseDocuments.js';
import { CASE_UPDATES_TABLE, type CasefileDatabase } from './database.js';
import { StorageError } from './errors.js';
import { eventually, rawPut, TestDatabases } from './testDatabases.js';

const byTester = { by: { id: 'tester', name: 'Test investigator' } };

const databases = new TestDatabases();
afterEach(() => databases.cleanUp());

function writeParagraph(doc: Y.Doc, field: 'notes' | 'verdictRationale', text: string): void {
  doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    const content = new Y.XmlText();
    paragraph.insert(0, [content]);
    richTextRoot(doc, field).insert(0, [paragraph]);
    content.insert(0, text);
  });
}

/** Waits until y-dexie's writes so far are in IndexedDB (a later transaction on the table waits for them). */
async function saved(db: CasefileDatabase): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await db.table(CASE_UPDATES_TABLE).count();
}

describe('a case in the local database', () => {
  it('keeps its meta and rich text after a reload', async () => {
    const name = databases.name();
    const db = await databases.openDatabase(name);
    const workspace = await acquireWorkspaceDoc(db);
    const id = await createCase(db, workspace.doc, { title: 'NATO centre in Astana', summary: 'A viral claim' });
    const lease = await acquireCaseDoc(db, id);
    writeParagraph(lease.doc, 'notes', 'The photo was taken in 2019.');
    setSummary(lease.doc, 'A viral claim, traced to one channel', byTester);
    await saved(db);
    lease.release();
    workspace.release();
    db.close();

    // A reload: a new Dexie instance, nothing shared in memory.
    const reloaded = await databases.openDatabase(name);
    const again = await acquireCaseDoc(reloaded, id);
    expect(readMeta(again.doc)).toMatchObject({
      title: 'NATO centre in Astana',
      summary: 'A viral claim, traced to one channel',
      status: 'open',
    });
    expect(richTextRoot(again.doc, 'notes').get(0)).toBeInstanceOf(Y.XmlElement);
    expect((richTextRoot(again.doc, 'notes').get(0) as Y.XmlElement).nodeName).toBe('paragraph');
    expect(richTextPlainText(again.doc, 'notes')).toBe('The photo was taken in 2019.');
    const reloadedWorkspace = await acquireWorkspaceDoc(reloaded);
    expect(listCases(reloadedWorkspace.doc).map((entry) => entry.title)).toEqual(['NATO centre in Astana']);
    again.release();
    reloadedWorkspace.release();
  });

  it('is one Y.Doc for every lease held at the same time', async () => {
    const db = await databases.openDatabase(databases.name());
    const workspace = await acquireWorkspaceDoc(db);
    const id = await createCase(db, workspace.doc, { title: 'Shared' });

    const [first, second] = await Promise.all([acquireCaseDoc(db, id), acquireCaseDoc(db, id)]);
    const third = await acquireCaseDoc(db, id);
    expect(second.doc).toBe(first.doc);
    expect(third.doc).toBe(first.doc);

    // Releasing one lease twice must not free the document under the others.
    first.release();
    first.release();
    second.release();
    setTitle(third.doc, 'Still editable', byTester);
    expect(readMeta(third.doc).title).toBe('Still editable');
    await saved(db);
    third.release();
    await eventually(async () => {
      const next = await acquireCaseDoc(db, id);
      const fresh = next.doc !== third.doc;
      expect(readMeta(next.doc).title).toBe('Still editable');
      next.release();
      return fresh;
    }, 'after the last lease was released, the next acquire should load a fresh document');
    workspace.release();
  });

  it('creating a case lists it in the workspace and in the local index', async () => {
    const db = await databases.openDatabase(databases.name());
    const workspace = await acquireWorkspaceDoc(db);
    const now = new Date('2026-11-01T10:00:00.000Z');
    const id = await createCase(db, workspace.doc, { title: 'Fake ballot photos', status: 'in review', now });

    expect(getCaseEntry(workspace.doc, id)).toEqual({
      id,
      title: 'Fake ballot photos',
      status: 'in review',
      updatedAt: now.toISOString(),
    });
    expect(await listLocalCaseIds(db)).toEqual([id]);
    expect(await db.cases.get(id)).toMatchObject({
      id,
      title: 'Fake ballot photos',
      status: 'in review',
      updatedAt: now.toISOString(),
      server: null,
      role: null,
    });
    workspace.release();
  });

  it('can be created with content written by a callback instead, once', async () => {
    const db = await databases.openDatabase(databases.name());
    const workspace = await acquireWorkspaceDoc(db);
    const id = await createCase(db, workspace.doc, {}, (doc) => {
      doc.getMap('meta').set('title', 'Demo case');
      doc.getMap('meta').set('schemaVersion', 1);
      writeParagraph(doc, 'notes', 'Written by the demo.');
    });
    const lease = await acquireCaseDoc(db, id);
    expect(readMeta(lease.doc).title).toBe('Demo case');
    expect(richTextPlainText(lease.doc, 'notes')).toBe('Written by the demo.');
    expect(getCaseEntry(workspace.doc, id)?.title).toBe('Demo case');
    lease.release();
    workspace.release();
  });

  it('refuses an over-long title and writes nothing: no row, no content, no list entry', async () => {
    const db = await databases.openDatabase(databases.name());
    const workspace = await acquireWorkspaceDoc(db);
    const before = Y.encodeStateVector(workspace.doc);

    await expect(createCase(db, workspace.doc, { title: 'x'.repeat(MAX_TITLE_LENGTH + 1) })).rejects.toThrow(
      ValidationError,
    );
    await expect(
      createCase(db, workspace.doc, {}, () => {
        throw new ValidationError('The demo could not be written.');
      }),
    ).rejects.toThrow('The demo could not be written.');

    expect(await db.cases.count()).toBe(0);
    expect(await db.table(CASE_UPDATES_TABLE).count()).toBe(0);
    expect(listCases(workspace.doc)).toEqual([]);
    expect(Y.encodeStateVector(workspace.doc)).toEqual(before);
    workspace.release();
  });

  it('keeps the index row in step with the meta while it is open', async () => {
    const db = await databases.openDatabase(databases.name());
    const workspace = await acquireWorkspaceDoc(db);
    const id = await createCase(db, workspace.doc, { title: 'Before' });
    const lease = await acquireCaseDoc(db, id);
    setTitle(lease.doc, 'After', { ...byTester, now: new Date('2027-01-01T00:00:00.000Z') });
    await eventually(
      async () => (await db.cases.get(id))?.title === 'After',
      'the case list row should show the new title',
    );
    expect((await db.cases.get(id))?.updatedAt).toBe('2027-01-01T00:00:00.000Z');

    // A change that arrives from a collaborator (another replica) is indexed too.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(lease.doc));
    remote.getMap('meta').set('status', 'published');
    Y.applyUpdate(lease.doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(lease.doc)));
    await eventually(
      async () => (await db.cases.get(id))?.status === 'published',
      'the case list row should show the status set by a collaborator',
    );
    lease.release();
    workspace.release();
  });

  it('opens a case that exists only as an id (e.g. shared by a colleague) as an empty document', async () => {
    const db = await databases.openDatabase(databases.name());
    const id = newCaseId();
    const lease = await acquireCaseDoc(db, id);
    expect(lease.doc.getMap('meta').size).toBe(0);
    expect(await listLocalCaseIds(db)).toEqual([id]);
    lease.release();
    await expect(acquireCaseDoc(db, '../workspace')).rejects.toThrow(ValidationError);
  });

  it('a damaged case gives a clear error and does not stop other cases from opening', async () => {
    const name = databases.name();
    const db = await databases.openDatabase(name);
    const workspace = await acquireWorkspaceDoc(db);
    const healthy = await createCase(db, workspace.doc, { title: 'Healthy' });
    const garbledUpdate = await createCase(db, workspace.doc, { title: 'Garbled update' });
    workspace.release();
    db.close();

    // Damage written behind Casefile's back: a garbled stored change, a change that is not
    // binary at all, and a row carrying a `doc` value of its own.
    const notBinary = newCaseId();
    const docOnRow = newCaseId();
    await rawPut(name, CASE_UPDATES_TABLE, { k: garbledUpdate, u: new TextEncoder().encode('not a Yjs update') });
    await rawPut(name, 'cases', {
      id: notBinary,
      title: 'Not binary',
      status: 'open',
      updatedAt: '',
      server: null,
      role: null,
    });
    await rawPut(name, CASE_UPDATES_TABLE, { k: notBinary, u: 'garbage' });
    await rawPut(name, 'cases', {
      id: docOnRow,
      title: 'Doc on row',
      status: 'open',
      updatedAt: '',
      server: null,
      role: null,
      doc: 'garbage',
    });

    const reopened = await databases.openDatabase(name);
    for (const id of [garbledUpdate, notBinary, docOnRow]) {
      const failure = await acquireCaseDoc(reopened, id).catch((error: unknown) => error);
      expect(failure, `opening case ${id}`).toBeInstanceOf(StorageError);
      expect((failure as Error).message).toMatch(
        new RegExp(
          `^Case ${id} could not be opened: its saved copy in this browser is damaged .*Other cases are not affected`,
        ),
      );
    }
    const lease = await acquireCaseDoc(reopened, healthy);
    expect(readMeta(lease.doc).title).toBe('Healthy');
    lease.release();
    // Still refused on a second try, not stuck half-loaded.
    await expect(acquireCaseDoc(reopened, garbledUpdate)).rejects.toThrow(StorageError);
  });
});

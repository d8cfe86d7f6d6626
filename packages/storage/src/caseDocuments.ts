import {
  type CaseMeta,
  initCase,
  isCaseId,
  type NewCase,
  newCaseId,
  observeMeta,
  putCaseEntry,
  readMeta,
  ValidationError,
  WORKSPACE_ROOM,
} from '@casefile/model';
import { DexieYProvider } from 'y-dexie';
import * as Y from 'yjs';
import { CASE_UPDATES_TABLE, type CasefileDatabase, WORKSPACE_UPDATES_TABLE } from './database.js';
import { DocSaveRetry } from './docSaveRetry.js';
import { readFailure, StorageError, writeFailure } from './errors.js';
import { saveRetriesOf } from './saveRetries.js';

/**
 * A hold on a loaded document. While any lease on a case is held, every caller gets the same
 * `Y.Doc`; releasing the last lease stops persisting it and frees it.
 */
export interface DocLease {
  readonly doc: Y.Doc;
  /** Idempotent: a second call does nothing. */
  release(): void;
}

type DocTable = 'cases' | 'workspaces';

interface LoadedDoc {
  doc: Y.Doc;
  stop(): void;
}

interface DocEntry {
  refs: number;
  loaded: Promise<LoadedDoc>;
}

const registries = new WeakMap<CasefileDatabase, Map<string, DocEntry>>();
const errorListeners = new WeakMap<CasefileDatabase, Set<(error: Error) => void>>();

function registryOf(db: CasefileDatabase): Map<string, DocEntry> {
  let registry = registries.get(db);
  if (!registry) {
    registry = new Map();
    registries.set(db, registry);
  }
  return registry;
}

/**
 * Calls `listener` when saving a loaded document (or the case index) fails in the background,
 * e.g. because the disk is full; such writes have no caller to throw to. Returns an unsubscribe.
 */
export function onStorageError(db: CasefileDatabase, listener: (error: Error) => void): () => void {
  let listeners = errorListeners.get(db);
  if (!listeners) {
    listeners = new Set();
    errorListeners.set(db, listeners);
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function reportBackgroundError(db: CasefileDatabase, error: unknown, what: string): void {
  const failure = writeFailure(error, what);
  const listeners = errorListeners.get(db);
  if (!listeners || listeners.size === 0) {
    console.error(failure);
    return;
  }
  for (const listener of listeners) listener(failure);
}

function damaged(what: string, detail: string): StorageError {
  return new StorageError(
    `${what} could not be opened: its saved copy in this browser is damaged (${detail}). Other cases are not affected. ` +
      'If it is shared through a sync server, ask a colleague to keep it open while you reconnect; otherwise restore it from an exported dossier.',
  );
}

/** The origin of the stored copy's changes applied before y-dexie loads a document. */
const STORED_COPY = Symbol('stored copy');

/**
 * y-dexie applies stored updates inside a live query, where a damaged one throws with no caller
 * to catch it and the load never finishes. So read them first and apply them to the document
 * here, where a damaged one gives a clear error. y-dexie then finds every change already in place
 * and integrates nothing again; and with none of its listeners attached yet, the document is not
 * encoded back into an update on the way (a case of thousands of items: seconds saved per open).
 */
async function applyStoredDocument(db: CasefileDatabase, table: DocTable, id: string, what: string, doc: Y.Doc) {
  const raw: unknown = await db.table(table).where(':id').equals(id).raw().first();
  if (raw && typeof raw === 'object' && Object.hasOwn(raw, 'doc')) {
    // y-dexie never stores the document on the row itself; something else wrote this row.
    throw damaged(what, 'the row holds a document y-dexie did not write');
  }
  const updatesTable = table === 'cases' ? CASE_UPDATES_TABLE : WORKSPACE_UPDATES_TABLE;
  const updates: unknown[] = await db.table(updatesTable).where('k').equals(id).toArray();
  doc.transact(() => {
    for (const row of updates) {
      const update = (row as { u?: unknown }).u;
      if (!(update instanceof Uint8Array)) throw damaged(what, 'a saved change is not binary data');
      try {
        Y.applyUpdateV2(doc, update, STORED_COPY);
      } catch (error) {
        throw damaged(what, `a saved change cannot be read: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }, STORED_COPY);
}

async function loadDoc(
  db: CasefileDatabase,
  table: DocTable,
  id: string,
  what: string,
  newRow: () => object,
): Promise<Y.Doc> {
  try {
    await db.transaction('rw', db.table(table), async () => {
      if ((await db.table(table).get(id)) === undefined) await db.table(table).add(newRow());
    });
  } catch (error) {
    throw writeFailure(error, what);
  }
  let doc: Y.Doc | undefined;
  try {
    const row = (await db.table(table).get(id)) as { doc: Y.Doc } | undefined;
    if (!row) throw new StorageError(`${what} was deleted while it was being opened. Reload Casefile.`);
    doc = row.doc;
    await applyStoredDocument(db, table, id, what, doc);
  } catch (error) {
    // Half applied: never handed out, and gone from y-dexie's cache so the next try starts afresh.
    doc?.destroy();
    throw readFailure(error, what);
  }
  const provider = DexieYProvider.load(doc);
  const updatesTable = table === 'cases' ? CASE_UPDATES_TABLE : WORKSPACE_UPDATES_TABLE;
  const retry = new DocSaveRetry(db, updatesTable, id, doc, () => describeChanges(table, doc));
  const onError = (error: unknown) => {
    reportBackgroundError(db, error, `Changes to ${what.toLowerCase()}`);
    retry.failed(error);
  };
  provider.on('error', onError);
  // y-dexie drops its listeners when the document is destroyed, yet the write of a change made
  // just before the release can still fail after it: keep hearing about that one.
  doc.on('destroy', () => provider.on('error', onError));
  try {
    await provider.whenLoaded;
  } catch (error) {
    DexieYProvider.release(doc);
    throw readFailure(error, what);
  }
  return doc;
}

/** How the app names a document's unsaved changes while it retries storing them. */
function describeChanges(table: DocTable, doc: Y.Doc): string {
  if (table === 'workspaces') return 'Changes to the list of cases';
  let title = '';
  try {
    title = readMeta(doc).title.trim();
  } catch {
    // An unreadable meta still has changes to store; it is named without a title.
  }
  return title === '' ? 'Changes to an untitled case' : `Changes to the case “${title}”`;
}

let metaRetries = 0;

/**
 * Keeps the row's title/status/updatedAt (what the case list sorts and filters by) in step with
 * the document's meta, whoever changes it: this client or a collaborator through sync.
 */
function followMeta(db: CasefileDatabase, id: string, doc: Y.Doc): () => void {
  let newest: CaseMeta = readMeta(doc);
  let latest: CaseMeta | null = newest;
  let writing: Promise<void> | null = null;
  const retryKey = `meta/${++metaRetries}`;
  const store = async (meta: CaseMeta): Promise<void> => {
    const row = await db.cases.get(id);
    if (!row) return;
    if (row.title === meta.title && row.status === meta.status && row.updatedAt === meta.updatedAt) return;
    await db.cases.update(id, { title: meta.title, status: meta.status, updatedAt: meta.updatedAt });
  };
  const write = async (): Promise<void> => {
    while (latest) {
      const meta = latest;
      latest = null;
      await store(meta);
    }
  };
  const schedule = () => {
    if (writing) return;
    writing = write()
      .catch((error) => {
        reportBackgroundError(db, error, 'The case list entry');
        // The newest meta, whenever the retry runs (even after the case is closed). Named as the
        // case's changes: for the person it is one case that waits, not two tables.
        const title = newest.title.trim();
        const what = title === '' ? 'Changes to an untitled case' : `Changes to the case “${title}”`;
        saveRetriesOf(db).keepTrying(retryKey, what, error, () => store(newest));
      })
      .finally(() => {
        writing = null;
        if (latest) schedule();
      });
  };
  schedule();
  return observeMeta(doc, (meta) => {
    newest = meta;
    latest = meta;
    schedule();
  });
}

async function acquire(
  db: CasefileDatabase,
  table: DocTable,
  id: string,
  what: string,
  newRow: () => object,
): Promise<DocLease> {
  const registry = registryOf(db);
  const key = `${table}/${id}`;
  let entry = registry.get(key);
  if (!entry) {
    const created: DocEntry = {
      refs: 0,
      loaded: loadDoc(db, table, id, what, newRow).then((doc) => ({
        doc,
        stop: table === 'cases' ? followMeta(db, id, doc) : () => {},
      })),
    };
    entry = created;
    registry.set(key, created);
    // A failed load is forgotten, so that the next acquire tries again.
    created.loaded.catch(() => {
      if (registry.get(key) === created) registry.delete(key);
    });
  }
  const held = entry;
  held.refs++;
  let loaded: LoadedDoc;
  try {
    loaded = await held.loaded;
  } catch (error) {
    held.refs--;
    throw error;
  }
  let released = false;
  return {
    doc: loaded.doc,
    release() {
      if (released) return;
      released = true;
      held.refs--;
      if (held.refs > 0) return;
      if (registry.get(key) === held) registry.delete(key);
      loaded.stop();
      DexieYProvider.release(loaded.doc);
    },
  };
}

/**
 * The case document, loaded from this browser's storage (the row is created if missing). Every
 * lease held at the same time gets the same `Y.Doc`.
 */
export function acquireCaseDoc(db: CasefileDatabase, caseId: string): Promise<DocLease> {
  if (!isCaseId(caseId)) return Promise.reject(new ValidationError(`Not a case id: ${JSON.stringify(caseId)}.`));
  return acquire(db, 'cases', caseId, `Case ${caseId}`, () => ({
    id: caseId,
    title: '',
    status: 'open',
    updatedAt: '',
    server: null,
    role: null,
  }));
}

/** The local copy of the workspace document: the team's list of cases. One per database. */
export function acquireWorkspaceDoc(db: CasefileDatabase): Promise<DocLease> {
  return acquire(db, 'workspaces', WORKSPACE_ROOM, 'The list of cases', () => ({ id: WORKSPACE_ROOM }));
}

/**
 * Creates a case: validates and writes its initial content (`initCase(input)`, or `write`, e.g.
 * `writeDemoCase`, instead) into a fresh document, stores row and content in one transaction, then
 * lists it in the workspace. Only the creating client writes initial content, and only once.
 * Invalid input throws the model's ValidationError before anything is written.
 */
export async function createCase(
  db: CasefileDatabase,
  workspace: Y.Doc,
  input: NewCase = {},
  write?: (doc: Y.Doc) => void,
): Promise<string> {
  const initial = new Y.Doc();
  try {
    if (write) write(initial);
    else initCase(initial, input);
    const meta = readMeta(initial);
    const id = newCaseId();
    try {
      await db.transaction('rw', db.cases, db.table(CASE_UPDATES_TABLE), async () => {
        await db.cases.add({
          id,
          title: meta.title,
          status: meta.status,
          updatedAt: meta.updatedAt,
          server: null,
          role: null,
          doc: initial,
        });
      });
    } catch (error) {
      throw writeFailure(error, 'The new case');
    }
    putCaseEntry(workspace, id, meta);
    return id;
  } finally {
    initial.destroy();
  }
}

/** Ids of every case stored in this browser. */
export async function listLocalCaseIds(db: CasefileDatabase): Promise<string[]> {
  return (await db.cases.toCollection().primaryKeys()) as string[];
}

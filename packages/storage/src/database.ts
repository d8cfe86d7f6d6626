import type { CaseStatus } from '@casefile/model';
import { Dexie, type Table } from 'dexie';
import yDexie from 'y-dexie';
import type * as Y from 'yjs';
import { errorNames, OUT_OF_SPACE, QuotaError, StorageError } from './errors.js';

export type Role = 'owner' | 'editor' | 'viewer';

/** One case in the local index. `doc` is the case document, stored by y-dexie beside the row. */
export interface CaseRow {
  id: string;
  title: string;
  status: CaseStatus;
  updatedAt: string;
  /** The sync server the case is shared through (http(s) URL), or null while it is only local. */
  server: string | null;
  /** This investigator's role on that server, once it is known. */
  role: Role | null;
  doc: Y.Doc;
}

export interface WorkspaceRow {
  id: string;
  doc: Y.Doc;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** 'local': only on this device so far; 'uploaded': the sync server has the bytes too. */
export type BlobState = 'local' | 'uploaded';

/** Evidence bytes, stored once by their SHA-256 (never in a case document). */
export interface BlobRow {
  sha256: string;
  blob: Blob;
  mime: string;
  size: number;
  state: BlobState;
  /** ISO time the bytes were first stored on this device. */
  addedAt: string;
}

/** A blob waiting to be uploaded to the sync server for a case. */
export interface OutboxRow {
  /** Auto-incremented: uploads go oldest first. */
  id: number;
  caseId: string;
  sha256: string;
  /** ISO time it was queued. */
  queuedAt: string;
}

/** A row as written: y-dexie creates the document when `doc` is left out. */
export type CaseRowInsert = Omit<CaseRow, 'doc'> & { doc?: Y.Doc };
export type WorkspaceRowInsert = Omit<WorkspaceRow, 'doc'> & { doc?: Y.Doc };

/**
 * Dexie's version of the schema. Bump it (and add an upgrade) whenever a table or index changes;
 * IndexedDB stores it multiplied by ten.
 */
export const DB_VERSION = 2;

/** Version 1: the case index, workspace documents and settings. Kept so that Dexie can upgrade step by step. */
export const SCHEMA_V1 = {
  cases: 'id, title, status, updatedAt, server, role, doc: Y.Doc',
  workspaces: 'id, doc: Y.Doc',
  settings: 'key',
};

/** Version 2 adds evidence bytes by hash and the queue of uploads; version 1's tables and data stay. */
const SCHEMA_V2 = {
  blobs: 'sha256, state',
  outbox: '++id, caseId, sha256, [caseId+sha256]',
};

/** y-dexie keeps each document's updates in a table of its own, named after the row's table. */
export const CASE_UPDATES_TABLE = '$cases.doc_updates';
export const WORKSPACE_UPDATES_TABLE = '$workspaces.doc_updates';

/** The object stores each schema version has, with their primary keys. */
const STORES_V1: Record<string, string> = {
  cases: 'id',
  workspaces: 'id',
  settings: 'key',
  [CASE_UPDATES_TABLE]: 'i',
  [WORKSPACE_UPDATES_TABLE]: 'i',
};
const EXPECTED_STORES: Record<number, Record<string, string>> = {
  1: STORES_V1,
  2: { ...STORES_V1, blobs: 'sha256', outbox: 'id' },
};

export class CasefileDatabase extends Dexie {
  declare cases: Table<CaseRow, string, CaseRowInsert>;
  declare workspaces: Table<WorkspaceRow, string, WorkspaceRowInsert>;
  declare settings: Table<SettingRow, string>;
  declare blobs: Table<BlobRow, string>;
  declare outbox: Table<OutboxRow, number, Omit<OutboxRow, 'id'>>;

  constructor(name: string) {
    // No live-query cache: with it, Dexie deep-clones query results for its optimistic updates on
    // every write, and y-dexie writes one row per keystroke; a case that caught up with 10,000
    // offline edits spent seconds in one task cloning (test/bench workload 4: 5.3 s of CPU in the
    // longest task without this, 0.27 s with it). Live queries still re-run after each change.
    super(name, { addons: [yDexie as (db: Dexie) => void], cache: 'disabled' });
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
  }
}

const NEWER_VERSION_MESSAGE =
  'The local database could not be opened: it was written by a newer Casefile. Update Casefile; nothing has been changed.';

function mismatchMessage(problems: string[]): string {
  return (
    `The local database could not be opened: its tables are not the ones Casefile expects (${problems.join('; ')}). ` +
    'It may be damaged or belong to another program. Nothing has been changed; if your cases are on a sync server, ' +
    "clearing this site's data and reloading brings them back, otherwise keep this browser profile and ask for help."
  );
}

interface InstalledDatabase {
  version: number;
  stores: Map<string, { keyPath: string | string[] | null }>;
}

function readStores(idb: IDBDatabase): InstalledDatabase {
  const stores = new Map<string, { keyPath: string | string[] | null }>();
  const names = Array.from(idb.objectStoreNames);
  if (names.length > 0) {
    const transaction = idb.transaction(names, 'readonly');
    for (const name of names) stores.set(name, { keyPath: transaction.objectStore(name).keyPath });
    transaction.abort();
  }
  return { version: idb.version, stores };
}

/**
 * Reads the version and tables of an existing database without changing it. Dexie would
 * otherwise adapt to what it finds: open a newer database anyway, or add missing tables under a
 * bumped version, and so write to a database that a newer Casefile (or something else) owns.
 */
async function inspectExisting(name: string): Promise<InstalledDatabase | null> {
  if (typeof indexedDB.databases !== 'function') return null;
  const known = await indexedDB.databases();
  if (!known.some((info) => info.name === name)) return null;
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    let vanished = false;
    request.onupgradeneeded = () => {
      // Deleted since we listed it: opening without a version would create it empty; don't.
      vanished = true;
      request.transaction?.abort();
    };
    request.onsuccess = () => {
      const idb = request.result;
      try {
        resolve(readStores(idb));
      } catch (error) {
        reject(error);
      } finally {
        idb.close();
      }
    };
    request.onerror = (event) => {
      event.preventDefault();
      if (vanished) resolve(null);
      else reject(request.error);
    };
  });
}

/** Which of our schema versions an IndexedDB version number is (Dexie stores ours times ten). */
function schemaVersionOf(version: number): number {
  return Math.floor(version / 10);
}

/** What is wrong with the tables of a database of one of our versions (older ones included). */
function shapeProblems(installed: InstalledDatabase): string[] {
  const problems: string[] = [];
  const expected = EXPECTED_STORES[Math.min(schemaVersionOf(installed.version), DB_VERSION)] ?? {};
  for (const [store, keyPath] of Object.entries(expected)) {
    const found = installed.stores.get(store);
    if (!found) problems.push(`no "${store}" table`);
    else if (found.keyPath !== keyPath) problems.push(`"${store}" is keyed by ${JSON.stringify(found.keyPath)}`);
  }
  return problems;
}

function isNewer(version: number): boolean {
  // Dexie may bump the native version by one to patch indexes within our own schema version.
  return version >= (DB_VERSION + 1) * 10;
}

/** A database some version of Casefile wrote (this one or an older one that Dexie will upgrade). */
function isOurs(version: number): boolean {
  return schemaVersionOf(version) >= 1 && !isNewer(version);
}

function openFailure(error: unknown): StorageError {
  const names = errorNames(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (names.includes('QuotaExceededError')) {
    return new QuotaError(
      `${OUT_OF_SPACE} the local database could not be opened. Free some space and reload; nothing has been lost.`,
      { cause: error },
    );
  }
  if (names.includes('VersionError')) return new StorageError(NEWER_VERSION_MESSAGE, { cause: error });
  if (names.includes('UpgradeError')) {
    return new StorageError(
      `The local database could not be upgraded to this version of Casefile (${detail}). Nothing has been changed; close other Casefile windows and reload, and update Casefile if this keeps happening.`,
      { cause: error },
    );
  }
  if (names.includes('InvalidStateError') || names.includes('SecurityError')) {
    return new StorageError(
      'The browser refused Casefile access to its local database (site data may be blocked, or this is a private window). Allow this site to store data, or use a normal window, then reload.',
      { cause: error },
    );
  }
  if (names.includes('MissingAPIError')) return noIndexedDb();
  return new StorageError(
    `The local database could not be opened (${names[0] ?? 'Error'}: ${detail}). Close other Casefile windows and reload; nothing has been changed.`,
    { cause: error },
  );
}

function noIndexedDb(): StorageError {
  return new StorageError(
    'This browser offers no local database (IndexedDB), where Casefile keeps your cases. Use a current Chrome, Edge, Firefox or Safari, outside private mode.',
  );
}

/**
 * Opens the local database and checks that it is one this Casefile can use. Throws StorageError
 * (QuotaError when storage is full) with a message for the user; a database that is newer or not
 * Casefile's is left exactly as it was.
 */
export async function openDatabase(name = 'casefile'): Promise<CasefileDatabase> {
  if (typeof indexedDB === 'undefined') throw noIndexedDb();
  let existing: InstalledDatabase | null;
  try {
    existing = await inspectExisting(name);
  } catch (error) {
    throw openFailure(error);
  }
  if (existing) {
    if (isNewer(existing.version)) throw new StorageError(NEWER_VERSION_MESSAGE);
    const problems = isOurs(existing.version) ? shapeProblems(existing) : [];
    if (problems.length > 0) throw new StorageError(mismatchMessage(problems));
  }

  const db = new CasefileDatabase(name);
  try {
    await db.open();
  } catch (error) {
    db.close();
    throw openFailure(error);
  }
  // Checked again after opening, for browsers that cannot list databases beforehand.
  const installed = readStores(db.backendDB());
  if (isNewer(installed.version)) {
    db.close();
    throw new StorageError(NEWER_VERSION_MESSAGE);
  }
  const problems = shapeProblems(installed);
  if (problems.length > 0) {
    db.close();
    throw new StorageError(mismatchMessage(problems));
  }
  return db;
}

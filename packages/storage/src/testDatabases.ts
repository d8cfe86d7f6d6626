// Helpers for the tests: unique database names, and raw IndexedDB access to build databases
// that Casefile did not write (a newer version, foreign tables, damaged rows).
import { Dexie } from 'dexie';
import { type CasefileDatabase, openDatabase } from './database.js';

export class TestDatabases {
  private readonly names = new Set<string>();
  private readonly open = new Set<CasefileDatabase>();

  name(): string {
    const name = `casefile-test-${crypto.randomUUID()}`;
    this.names.add(name);
    return name;
  }

  async openDatabase(name: string): Promise<CasefileDatabase> {
    const db = await openDatabase(name);
    this.open.add(db);
    return db;
  }

  async cleanUp(): Promise<void> {
    for (const db of this.open) db.close();
    this.open.clear();
    // A closed connection lingers until its last transaction ends; let it, so the delete is not blocked.
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const name of this.names) await Dexie.delete(name);
    this.names.clear();
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Opens (creating or upgrading) a database with plain IndexedDB, as another program would. */
export function rawOpen(name: string, version?: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  const req = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version);
  req.onupgradeneeded = () => upgrade?.(req.result);
  return request(req);
}

export async function rawPut(name: string, store: string, value: unknown): Promise<void> {
  const db = await rawOpen(name);
  try {
    const transaction = db.transaction(store, 'readwrite');
    transaction.objectStore(store).put(value);
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

export async function rawShape(name: string): Promise<{ version: number; stores: string[] }> {
  const db = await rawOpen(name);
  const shape = { version: db.version, stores: Array.from(db.objectStoreNames).sort() };
  db.close();
  return shape;
}

/** Resolves once `check` returns true, or throws `message` after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, message: string, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

import { afterEach, describe, expect, it } from 'vitest';
import { StorageError } from './errors.js';
import { rawOpen, rawShape, TestDatabases } from './testDatabases.js';

const databases = new TestDatabases();
afterEach(() => databases.cleanUp());

describe('opening the local database', () => {
  it('creates the tables on first use and opens them again later', async () => {
    const name = databases.name();
    const db = await databases.openDatabase(name);
    expect(db.tables.map((table) => table.name).sort()).toEqual(
      ['$cases.doc_updates', '$workspaces.doc_updates', 'cases', 'settings', 'workspaces'].sort(),
    );
    db.close();
    const again = await databases.openDatabase(name);
    expect(await again.cases.count()).toBe(0);
  });

  it('refuses a database written by a newer Casefile with a clear message and leaves it untouched', async () => {
    const name = databases.name();
    const newer = await rawOpen(name, 9999, (db) => {
      db.createObjectStore('caseFiles', { keyPath: 'uuid' });
      db.createObjectStore('evidenceBlobs');
    });
    newer.close();

    const failure = await databases.openDatabase(name).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as Error).message).toBe(
      'The local database could not be opened: it was written by a newer Casefile. Update Casefile; nothing has been changed.',
    );
    expect(await rawShape(name)).toEqual({ version: 9999, stores: ['caseFiles', 'evidenceBlobs'] });
  });

  it('refuses a database whose tables are not Casefile’s, naming what is wrong, and leaves it untouched', async () => {
    const name = databases.name();
    const foreign = await rawOpen(name, 10, (db) => {
      db.createObjectStore('cases', { keyPath: 'caseNumber' });
    });
    foreign.close();

    const failure = await databases.openDatabase(name).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as Error).message).toMatch(/its tables are not the ones Casefile expects/);
    expect((failure as Error).message).toMatch(/"cases" is keyed by "caseNumber"/);
    expect((failure as Error).message).toMatch(/no "workspaces" table/);
    expect(await rawShape(name)).toEqual({ version: 10, stores: ['cases'] });
  });

  it('upgrades an older, empty database of the same name', async () => {
    const name = databases.name();
    (await rawOpen(name, 1)).close();
    const db = await databases.openDatabase(name);
    expect(await db.cases.count()).toBe(0);
  });
});

import { initCase, newCaseId, readMeta } from '@casefile/model';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import yDexie from 'y-dexie';
import * as Y from 'yjs';
import { acquireCaseDoc } from './caseDocuments.js';
import { SCHEMA_V1 } from './database.js';
import { StorageError } from './errors.js';
import { rawOpen, rawShape, TestDatabases } from './testDatabases.js';

const databases = new TestDatabases();
afterEach(() => databases.cleanUp());

describe('opening the local database', () => {
  it('creates the tables on first use and opens them again later', async () => {
    const name = databases.name();
    const db = await databases.openDatabase(name);
    expect(db.tables.map((table) => table.name).sort()).toEqual(
      ['$cases.doc_updates', '$workspaces.doc_updates', 'blobs', 'cases', 'outbox', 'settings', 'workspaces'].sort(),
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

  it('upgrades a database of the previous version, keeping its cases and settings', async () => {
    const name = databases.name();
    // Version 1 as the previous Casefile wrote it, with y-dexie keeping the case document.
    const previous = new Dexie(name, { addons: [yDexie as (db: Dexie) => void] });
    previous.version(1).stores(SCHEMA_V1);
    const doc = new Y.Doc();
    initCase(doc, { title: 'Written before blobs existed', summary: 'Kept through the upgrade' });
    const id = newCaseId();
    await previous.table('cases').add({
      id,
      title: 'Written before blobs existed',
      status: 'open',
      updatedAt: '2026-01-01T00:00:00.000Z',
      server: null,
      role: null,
      doc,
    });
    await previous.table('settings').put({ key: 'server', value: 'https://sync.example.org' });
    await previous.table('$cases.doc_updates').count();
    previous.close();
    doc.destroy();
    expect((await rawShape(name)).version).toBe(10);

    const db = await databases.openDatabase(name);
    expect((await rawShape(name)).version).toBe(20);
    expect(await db.cases.get(id)).toMatchObject({ id, title: 'Written before blobs existed', status: 'open' });
    expect(await db.settings.get('server')).toEqual({ key: 'server', value: 'https://sync.example.org' });
    const lease = await acquireCaseDoc(db, id);
    expect(readMeta(lease.doc)).toMatchObject({
      title: 'Written before blobs existed',
      summary: 'Kept through the upgrade',
    });
    lease.release();
    expect(await db.blobs.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

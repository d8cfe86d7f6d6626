// Brings in the Playwright provider's typing of cdp().send.
import type {} from '@vitest/browser-playwright';
import { afterEach, describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import { acquireCaseDoc, acquireWorkspaceDoc, createCase, onStorageError } from './caseDocuments.js';
import { WORKSPACE_UPDATES_TABLE } from './database.js';
import { QuotaError } from './errors.js';
import { putSetting } from './settings.js';
import { eventually, TestDatabases } from './testDatabases.js';

const databases = new TestDatabases();

/** Fills the "disk" through Chromium's DevTools protocol; undefined lifts the limit again. */
async function setQuota(bytes: number | undefined): Promise<void> {
  await cdp().send('Storage.overrideQuotaForOrigin', {
    origin: location.origin,
    ...(bytes === undefined ? {} : { quotaSize: bytes }),
  });
}

afterEach(async () => {
  await setQuota(undefined);
  await databases.cleanUp();
});

describe('a full disk', () => {
  it('turns failed writes into QuotaErrors that say what to do, and keeps what was saved', async () => {
    // Chromium reads an origin's quota when it first opens the origin's IndexedDB and keeps it
    // while the origin's databases stay in use; clearing them makes it read the new quota: room
    // for a small case, not for two megabytes. (The files of this suite run one at a time.)
    await setQuota(500_000);
    await cdp().send('Storage.clearDataForOrigin', { origin: location.origin, storageTypes: 'indexeddb' });
    const name = databases.name();
    const db = await databases.openDatabase(name);
    const workspace = await acquireWorkspaceDoc(db);
    const id = await createCase(db, workspace.doc, { title: 'Saved before the disk filled up' });
    await db.table(WORKSPACE_UPDATES_TABLE).count(); // the list entry is stored
    const big = 'x'.repeat(2_000_000);

    const setting = await putSetting(db, 'big', big).catch((error: unknown) => error);
    expect(setting).toBeInstanceOf(QuotaError);
    expect((setting as Error).message).toBe(
      `The setting "big" could not be saved: the disk or the browser's storage for Casefile is full. Free some disk space and try again; nothing already saved was lost.`,
    );

    const created = await createCase(db, workspace.doc, {}, (doc) => {
      doc.getMap('meta').set('title', 'Too big');
      doc.getMap('meta').set('padding', big);
    }).catch((error: unknown) => error);
    expect(created).toBeInstanceOf(QuotaError);
    expect((created as Error).message).toMatch(/^The new case could not be saved: the disk/);

    // An edit saved in the background has no caller to throw to: it is reported instead.
    const reported: Error[] = [];
    const stop = onStorageError(db, (error) => reported.push(error));
    const lease = await acquireCaseDoc(db, id);
    lease.doc.getMap('meta').set('padding', big);
    await eventually(() => reported.length > 0, 'a failed background save should be reported');
    expect(reported[0]).toBeInstanceOf(QuotaError);
    expect(reported[0]?.message).toMatch(new RegExp(`^Changes to case ${id} could not be saved: the disk`));
    stop();
    lease.release();
    workspace.release();
    db.close();

    await setQuota(undefined);
    const after = await databases.openDatabase(name);
    expect((await after.cases.toArray()).map((row) => [row.id, row.title])).toEqual([
      [id, 'Saved before the disk filled up'],
    ]);
  });
});

// Brings in the Playwright provider's typing of cdp().send.

import { newCaseId, readMeta } from '@casefile/model';
import type {} from '@vitest/browser-playwright';
import { afterEach, describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import { getBlob, putBlob, putBlobRetrying } from './blobStore.js';
import { acquireCaseDoc, acquireWorkspaceDoc, createCase, onStorageError } from './caseDocuments.js';
import { WORKSPACE_UPDATES_TABLE } from './database.js';
import { QuotaError } from './errors.js';
import { sha256Hex } from './hashing.js';
import { listOutbox } from './outbox.js';
import { type PendingSave, retryPendingSavesNow, SaveCancelledError, watchPendingSaves } from './saveRetries.js';
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
      `This device is out of storage space for Casefile: the setting "big" could not be saved. Your earlier work is safe; free some space and try again.`,
    );

    const created = await createCase(db, workspace.doc, {}, (doc) => {
      doc.getMap('meta').set('title', 'Too big');
      doc.getMap('meta').set('padding', big);
    }).catch((error: unknown) => error);
    expect(created).toBeInstanceOf(QuotaError);
    expect((created as Error).message).toMatch(
      /^This device is out of storage space for Casefile: the new case could not be saved\./,
    );

    // An edit saved in the background has no caller to throw to: it is reported instead.
    const reported: Error[] = [];
    const stop = onStorageError(db, (error) => reported.push(error));
    const lease = await acquireCaseDoc(db, id);
    lease.doc.getMap('meta').set('padding', big);
    await eventually(() => reported.length > 0, 'a failed background save should be reported');
    expect(reported[0]).toBeInstanceOf(QuotaError);
    expect(reported[0]?.message).toMatch(
      new RegExp(`^This device is out of storage space for Casefile: changes to case ${id} could not be saved\\.`),
    );
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

function randomBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += 65536) crypto.getRandomValues(bytes.subarray(offset, offset + 65536));
  return bytes;
}

/** A small quota, read afresh by Chromium (see the first test). */
async function fillTheDisk(): Promise<void> {
  await setQuota(500_000);
  await cdp().send('Storage.clearDataForOrigin', { origin: location.origin, storageTypes: 'indexeddb' });
}

describe('saves that wait for space', () => {
  it('keeps a file that does not fit in memory and stores it, queued for upload, once there is space', async () => {
    await fillTheDisk();
    const db = await databases.openDatabase(databases.name());
    const caseId = newCaseId();
    const earlier = await putBlob(db, caseId, new Blob(['stored before the disk filled up']), 'text/plain');
    const pending: (readonly PendingSave[])[] = [];
    const stop = watchPendingSaves(db, (list) => pending.push(list));

    const bytes = randomBytes(2_000_000);
    let waitingBecause: unknown = null;
    const saving = putBlobRetrying(db, caseId, new Blob([bytes]), 'video/mp4', {
      what: 'The file clip.mp4 (2 MB)',
      onWaiting: (error) => {
        waitingBecause = error;
      },
    });
    await eventually(() => waitingBecause !== null, 'the first attempt should find no space');
    expect(waitingBecause).toBeInstanceOf(QuotaError);
    expect(pending.at(-1)?.map((save) => save.what)).toEqual(['The file clip.mp4 (2 MB)']);
    expect(pending.at(-1)?.[0]?.error).toBeInstanceOf(QuotaError);
    // What was stored stays, and nothing half-written is queued.
    expect(await getBlob(db, earlier.sha256)).not.toBeNull();
    expect((await listOutbox(db)).map((entry) => entry.sha256)).toEqual([earlier.sha256]);

    await setQuota(undefined);
    retryPendingSavesNow(db);
    const stored = await saving;
    expect(stored).toEqual({ sha256: await sha256Hex(bytes), size: bytes.byteLength, mime: 'video/mp4' });
    expect((await getBlob(db, stored.sha256))?.size).toBe(bytes.byteLength);
    expect((await listOutbox(db)).map((entry) => entry.sha256)).toEqual([earlier.sha256, stored.sha256]);
    expect(pending.at(-1)).toEqual([]);
    stop();
  });

  it('lets go of a file whose owner stops waiting', async () => {
    await fillTheDisk();
    const db = await databases.openDatabase(databases.name());
    const stop = new AbortController();
    const saving = putBlobRetrying(db, newCaseId(), new Blob([randomBytes(2_000_000)]), 'image/png', {
      what: 'The file big.png',
      onWaiting: () => stop.abort(),
      signal: stop.signal,
    });
    await expect(saving).rejects.toBeInstanceOf(SaveCancelledError);
    const pending: (readonly PendingSave[])[] = [];
    watchPendingSaves(db, (list) => pending.push(list))();
    expect(pending).toEqual([[]]);
    expect(await listOutbox(db)).toEqual([]);
  });

  it('stores an edit made while the disk was full once there is space, and a reload shows it', async () => {
    await fillTheDisk();
    const name = databases.name();
    const db = await databases.openDatabase(name);
    const workspace = await acquireWorkspaceDoc(db);
    const id = await createCase(db, workspace.doc, { title: 'Field notes' });
    const lease = await acquireCaseDoc(db, id);
    const pending: (readonly PendingSave[])[] = [];
    const stop = watchPendingSaves(db, (list) => pending.push(list));

    const big = 'x'.repeat(2_000_000);
    lease.doc.getMap('meta').set('padding', big);
    await eventually(
      () => pending.at(-1)?.some((save) => save.what === 'Changes to the case “Field notes”') === true,
      'the failed save should wait for space',
    );
    await setQuota(undefined);
    retryPendingSavesNow(db);
    await eventually(() => pending.at(-1)?.length === 0, 'the edit should be stored once there is space', 10_000);
    stop();
    lease.release();
    workspace.release();
    db.close();

    const reloaded = await databases.openDatabase(name);
    const again = await acquireCaseDoc(reloaded, id);
    expect(readMeta(again.doc).title).toBe('Field notes');
    expect(again.doc.getMap('meta').get('padding')).toBe(big);
    again.release();
  });
});

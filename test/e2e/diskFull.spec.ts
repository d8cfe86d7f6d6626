import { createHash, randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { addEvidenceFile, evidenceRow, expect, Investigator, openAndDownloadEvidence, test } from './fixtures.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Room for the app shell (cached by the service worker), a case and a small file. */
const QUOTA = 12 * 1024 * 1024;

/**
 * Fills what is left of the origin's quota with another database, as other data filling the
 * disk would: chunks halve down to a few bytes, so that even a keystroke no longer fits.
 */
async function fillTheDisk(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('disk-filler', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('chunks', { autoIncrement: true });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const put = (size: number) =>
      new Promise<boolean>((resolve, reject) => {
        const transaction = db.transaction('chunks', 'readwrite');
        // Random bytes: Chromium compresses what it stores, and zeros would take no room at all.
        const chunk = new Uint8Array(size);
        for (let offset = 0; offset < size; offset += 65536) {
          crypto.getRandomValues(chunk.subarray(offset, Math.min(size, offset + 65536)));
        }
        transaction.objectStore('chunks').add(chunk);
        transaction.oncomplete = () => resolve(true);
        transaction.onabort = () =>
          transaction.error?.name === 'QuotaExceededError' ? resolve(false) : reject(transaction.error);
      });
    for (let size = 1024 * 1024; size >= 8; size = Math.floor(size / 2)) {
      while (await put(size)) {}
    }
    db.close();
  });
}

test('with the disk full, a new file and an edit wait with a clear message, nothing saved is lost, and both are saved once there is space', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    // Chromium reads an origin's quota when the origin first opens its storage and keeps it a while
    // after; set before the app starts, it holds for the whole run.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: QUOTA });
    const alice = new Investigator(context, page, server);
    await alice.openApp();
    await alice.createCase('Disk full');
    const caseUrl = alice.page.url();
    await alice.summary.fill('Written before the disk filled up.');
    await alice.openTab('Evidence');
    const before = randomBytes(40_000);
    await addEvidenceFile(alice, 'before.bin', before);
    await expect(evidenceRow(alice, 'before.bin').locator('code')).toHaveText(sha256(before));
    // Offline from here: what the windows show can only come from this device's storage.
    await alice.waitForOfflineShell();
    await alice.goOffline();

    await fillTheDisk(page);

    const video = randomBytes(2 * 1024 * 1024);
    await addEvidenceFile(alice, 'field-video.bin', video);
    const alert = page.getByRole('alert').filter({ hasText: 'This device is out of storage space for Casefile:' });
    await expect(alert).toHaveText(
      /^This device is out of storage space for Casefile: (.*, |.* and )?the file field-video\.bin \(2 MB\)( and .*|, .*)? could not be saved yet\. Your earlier work is safe; free some space — Casefile retries saving automatically\./,
    );
    await expect(page.getByRole('list', { name: 'Files waiting for storage space' })).toContainText('field-video.bin');
    await expect(evidenceRow(alice, 'field-video.bin')).toHaveCount(0);

    await alice.openTab('Overview');
    await alice.summary.fill('Edited while the disk was full.');
    await expect(alert).toContainText('changes to the case “Disk full”');

    // What was saved before is intact: a second window starts the app from this device's storage.
    const second = new Investigator(context, await context.newPage(), server);
    await second.page.goto(caseUrl);
    await expect(second.summary).toHaveValue('Written before the disk filled up.');
    await second.openTab('Evidence');
    expect((await openAndDownloadEvidence(second, 'before.bin')).equals(before)).toBe(true);
    await expect(evidenceRow(second, 'field-video.bin')).toHaveCount(0);

    // Space comes back; Casefile retries by itself.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url });
    await expect(alert).toBeHidden({ timeout: 45_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Saved: everything that was waiting' })).toBeVisible();
    await alice.openTab('Evidence');
    await expect(evidenceRow(alice, 'field-video.bin').locator('code')).toHaveText(sha256(video));

    // The other window reads both from the database (there is no network to get them from).
    await expect(evidenceRow(second, 'field-video.bin').locator('code')).toHaveText(sha256(video));
    await second.openTab('Overview');
    await expect(second.summary).toHaveValue('Edited while the disk was full.');

    await page.reload();
    await alice.openTab('Overview');
    await expect(alice.summary).toHaveValue('Edited while the disk was full.');
    await alice.openTab('Evidence');
    expect((await openAndDownloadEvidence(alice, 'field-video.bin')).equals(video)).toBe(true);
    expect((await openAndDownloadEvidence(alice, 'before.bin')).equals(before)).toBe(true);
  } finally {
    await context.close();
  }
});

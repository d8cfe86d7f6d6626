import { createHash, randomBytes } from 'node:crypto';
import { addEvidenceFile, evidenceRow, expect, openAndDownloadEvidence, test } from './fixtures.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const ONE_WAITING = '1 file of this case is only on this device so far';

test('evidence added offline opens at once, waits through an offline reload, and reaches a colleague byte for byte', async ({
  investigator,
}) => {
  const alice = await investigator();
  await alice.createCase('Checkpoint recordings');
  const caseUrl = alice.page.url();
  await alice.waitForOfflineShell();
  await alice.openTab('Evidence');
  await alice.goOffline();

  const recording = randomBytes(300_000);
  await addEvidenceFile(alice, 'checkpoint-recording.bin', recording);
  await expect(evidenceRow(alice, 'checkpoint-recording.bin').locator('code')).toHaveText(sha256(recording));
  await expect(alice.page.getByRole('status').filter({ hasText: ONE_WAITING })).toBeVisible();
  // Usable at once: read from this device, verified against its SHA-256.
  expect((await openAndDownloadEvidence(alice, 'checkpoint-recording.bin')).equals(recording)).toBe(true);

  // Still offline, a reload is served by the service worker; the file and its upload are still queued here.
  await alice.page.reload();
  await alice.openTab('Evidence');
  await expect(evidenceRow(alice, 'checkpoint-recording.bin').locator('code')).toHaveText(sha256(recording));
  await expect(alice.page.getByRole('status').filter({ hasText: ONE_WAITING })).toBeVisible();
  expect((await openAndDownloadEvidence(alice, 'checkpoint-recording.bin')).equals(recording)).toBe(true);

  // Back online, the queued upload goes out by itself.
  await alice.goOnline();
  await expect(alice.page.getByRole('status').filter({ hasText: ONE_WAITING })).toBeHidden({ timeout: 20_000 });

  const bob = await investigator();
  await bob.page.goto(caseUrl);
  await bob.openTab('Evidence');
  await expect(evidenceRow(bob, 'checkpoint-recording.bin').locator('code')).toHaveText(sha256(recording));
  const received = await openAndDownloadEvidence(bob, 'checkpoint-recording.bin');
  expect(received.equals(recording)).toBe(true);
  expect(sha256(received)).toBe(sha256(recording));
});

test('"Make available offline" brings every file of a case onto the device, and they open with no network', async ({
  investigator,
}) => {
  const alice = await investigator();
  await alice.createCase('Leaked ministry documents');
  const caseUrl = alice.page.url();
  await alice.openTab('Evidence');
  const memo = randomBytes(120_000);
  const scan = randomBytes(450_000);
  await addEvidenceFile(alice, 'memo.bin', memo);
  await expect(evidenceRow(alice, 'memo.bin')).toBeVisible();
  await addEvidenceFile(alice, 'scan.bin', scan);
  await expect(evidenceRow(alice, 'scan.bin')).toBeVisible();
  // Both uploaded: nothing of this case is left only on Alice's device.
  await expect(alice.page.getByRole('status').filter({ hasText: /only on this device so far/ })).toBeHidden({
    timeout: 20_000,
  });

  const bob = await investigator();
  await bob.page.goto(caseUrl);
  await bob.openTab('Evidence');
  await expect(evidenceRow(bob, 'scan.bin').locator('code')).toHaveText(sha256(scan));
  await bob.page.getByRole('button', { name: 'Make available offline' }).click();
  const progress = bob.page.getByRole('progressbar', { name: 'Making this case available offline' });
  await expect(
    bob.page.getByRole('status').filter({ hasText: 'All 2 files of this case are on this device.' }),
  ).toBeVisible({ timeout: 20_000 });
  await expect(progress).toHaveAttribute('max', '2');
  await expect(progress).toHaveAttribute('value', '2');

  await bob.goOffline();
  expect((await openAndDownloadEvidence(bob, 'memo.bin')).equals(memo)).toBe(true);
  const scanned = await openAndDownloadEvidence(bob, 'scan.bin');
  expect(sha256(scanned)).toBe(sha256(scan));
});

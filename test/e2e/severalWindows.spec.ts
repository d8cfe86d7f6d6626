import { createHash, randomBytes } from 'node:crypto';
import { addEvidenceFile, evidenceRow, expect, Investigator, openAndDownloadEvidence, test } from './fixtures.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

test('one investigator in two windows with the server down: each edit shows in the other window, and both keep it after a reload', async ({
  investigator,
  server,
}) => {
  const first = await investigator();
  await first.createCase('Two windows, no server');
  await first.summary.fill('Written while the server was up.');
  await first.waitForOfflineShell();
  const caseUrl = first.page.url();
  // The same person (same browser profile) opens the case in a second window.
  const second = new Investigator(first.context, await first.context.newPage(), server);
  await second.page.goto(caseUrl);
  await expect(second.summary).toHaveValue('Written while the server was up.');

  await server.stop();
  await expect(first.connection).not.toHaveText(/^Synced/, { timeout: 15_000 });
  await expect(second.connection).not.toHaveText(/^Synced/, { timeout: 15_000 });

  // Nothing reaches a server now: the windows meet only in this device's database.
  await first.summary.fill('Summary edited in the first window.');
  await expect(second.summary).toHaveValue('Summary edited in the first window.');
  await second.title.fill('Two windows, edited in the second');
  await expect(first.title).toHaveValue('Two windows, edited in the second');
  await second.typeInNotes('Notes typed in the second window.');
  await first.openTab('Notes');
  await expect(first.notes).toContainText('Notes typed in the second window.');

  const photo = randomBytes(80_000);
  await first.openTab('Evidence');
  await addEvidenceFile(first, 'roadblock.bin', photo);
  await second.openTab('Evidence');
  await expect(evidenceRow(second, 'roadblock.bin').locator('code')).toHaveText(sha256(photo));
  expect((await openAndDownloadEvidence(second, 'roadblock.bin')).equals(photo)).toBe(true);

  for (const window of [first, second]) {
    await window.page.reload();
    await window.openTab('Overview');
    await expect(window.title).toHaveValue('Two windows, edited in the second');
    await expect(window.summary).toHaveValue('Summary edited in the first window.');
    await window.openTab('Notes');
    await expect(window.notes).toContainText('Notes typed in the second window.');
    await window.openTab('Evidence');
    await expect(evidenceRow(window, 'roadblock.bin').locator('code')).toHaveText(sha256(photo));
  }
});

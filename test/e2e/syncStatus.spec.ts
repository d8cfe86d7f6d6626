import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

const photo = Buffer.from('Photo of the leaflet, taken on the train.\n', 'utf8');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Records every text the case's sync status shows from now on (first word only), in the page. */
async function recordStatusWords(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const status = [...document.querySelectorAll('[role=status]')].find((element) =>
      /^(Offline|Connecting|Syncing|Synced)/.test(element.textContent ?? ''),
    );
    if (!status) throw new Error('No sync status on the page');
    const seen: string[] = [];
    const note = () => {
      const word = (status.textContent ?? '').split(/[\s—…]/)[0] ?? '';
      if (seen.at(-1) !== word) seen.push(word);
    };
    note();
    new MutationObserver(note).observe(status, { subtree: true, childList: true, characterData: true });
    (window as unknown as { statusWords: string[] }).statusWords = seen;
  });
  return () => page.evaluate(() => (window as unknown as { statusWords: string[] }).statusWords);
}

test('edits and a file added offline show as waiting, then reach the server, and only then does it say Synced', async ({
  investigator,
  server,
}) => {
  const alice = await investigator();
  const caseId = await alice.createCase('Leaflets on the train');
  await expect(alice.connection).toHaveText(/^Synced with 127\.0\.0\.1:\d+ · last synced \d\d:\d\d$/);

  await alice.goOffline();
  await alice.typeInNotes('Written with no network.');
  await expect(alice.connection).toHaveText(
    /^Offline — \d+ changes? saved on this device, waiting to sync · last synced \d\d:\d\d$/,
  );
  await alice.openTab('Evidence');
  await alice.page.getByLabel('Add file').setInputFiles({ name: 'leaflet.txt', mimeType: 'text/plain', buffer: photo });
  await expect(alice.connection).toHaveText(/^Offline — \d+ changes and 1 file saved on this device, waiting to sync/);

  const statusWords = await recordStatusWords(alice.page);
  await alice.context.setOffline(false);
  await expect(alice.connection).toHaveText(/^Synced with 127\.0\.0\.1:\d+ · last synced \d\d:\d\d$/, {
    timeout: 15_000,
  });
  // Never "Synced" while something was still on its way.
  expect((await statusWords()).join(' ')).toMatch(/^Offline( Connecting)?( Syncing)? Synced$/);

  // Synced means on the server: the file is there, and a colleague gets the notes.
  const response = await fetch(`${server.url}/cases/${caseId}/blobs/${sha256(photo)}`, {
    headers: { authorization: `Bearer ${await server.token('auditor', 'viewer', caseId)}` },
  });
  expect(response.status).toBe(200);
  expect(Buffer.from(await response.arrayBuffer())).toEqual(photo);
  const bob = await investigator();
  await bob.page.goto(alice.page.url().replace(/\/evidence$/, '/notes'));
  await expect(bob.notes).toContainText('Written with no network.');

  // With everything on the server, closing asks nothing.
  const dialogs: string[] = [];
  alice.page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  const closed = alice.page.waitForEvent('close');
  await alice.page.close({ runBeforeUnload: true });
  await closed;
  expect(dialogs).toEqual([]);
});

test('closing a page whose edits the stopped server does not have yet asks first', async ({ investigator, server }) => {
  const alice = await investigator();
  await alice.createCase('Not on the server yet');
  await expect(alice.connection).toHaveText(/^Synced/);

  await server.stop();
  await expect(alice.connection).toHaveText(/^(Offline|Connecting)/);
  await alice.typeInNotes('Typed while the server was down.');
  await expect(alice.connection).toHaveText(
    /^(Offline|Connecting to \S+…) — \d+ changes? saved on this device, waiting to sync/,
  );

  // The investigator changes their mind the first time: the page stays, edits and all.
  const firstAsk = alice.page.waitForEvent('dialog');
  await alice.page.close({ runBeforeUnload: true });
  const dialog = await firstAsk;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  await expect(alice.notes).toContainText('Typed while the server was down.');
  expect(alice.page.isClosed()).toBe(false);

  // The second time they close anyway.
  const secondAsk = alice.page.waitForEvent('dialog');
  const closed = alice.page.waitForEvent('close');
  await alice.page.close({ runBeforeUnload: true });
  await (await secondAsk).accept();
  await closed;
  expect(alice.page.isClosed()).toBe(true);
});

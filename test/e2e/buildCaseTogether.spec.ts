import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

// A 1x1 PNG, as a screenshot pasted from the clipboard would arrive.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const denial = Buffer.from(
  'Ministry of Defence of the Republic of Kazakhstan: the Peacekeeping Operations Centre is ours; NATO opened nothing.\n',
  'utf8',
);

test('one investigator builds a case file from nothing while the other sees all of it live and opens the file intact', async ({
  investigator,
}) => {
  const alice = await investigator();
  const bob = await investigator();
  await alice.createCase('NATO centre, from scratch');
  await bob.openCase('NATO centre, from scratch');

  // Claim
  await alice.openTab('Claims');
  await alice.page.getByRole('button', { name: 'Add claim' }).click();
  await alice.page.keyboard.type('NATO has officially opened a peacekeeping centre in Astana.');
  await bob.openTab('Claims');
  await expect(bob.page.getByLabel('Claim text')).toHaveValue(
    'NATO has officially opened a peacekeeping centre in Astana.',
  );

  // Actor, with a Cyrillic name
  await alice.openTab('Actors');
  await alice.page.getByRole('button', { name: 'Add actor' }).click();
  await alice.page.keyboard.type('Аргументы и факты');
  await alice.page.getByLabel('Kind').selectOption({ label: 'Outlet' });
  await bob.openTab('Actors');
  await expect(bob.page.getByLabel('Name')).toHaveValue('Аргументы и факты');
  await expect(bob.page.getByLabel('Kind')).toHaveValue('outlet');

  // Evidence: a picked file, a pasted screenshot and a quote
  await alice.openTab('Evidence');
  await alice.page.getByLabel('Add file').setInputFiles({ name: 'denial.txt', mimeType: 'text/plain', buffer: denial });
  await expect(alice.page.getByRole('status').filter({ hasText: 'Added 1 evidence item' })).toBeVisible();
  await alice.page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'clipboard.png', { type: 'image/png' }));
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, PNG_BASE64);
  await expect(alice.page.getByText('2 items')).toBeVisible();
  await alice.page.getByRole('button', { name: 'Add evidence' }).click();
  const dialog = alice.page.getByRole('dialog', { name: 'Add evidence' });
  await dialog.getByRole('radio', { name: 'Quote' }).check();
  await dialog.getByLabel('Quote text').fill('Russian-Kazakh relations are at a high level.');
  await dialog.getByLabel('Title').fill('Congratulation on Republic Day');
  await dialog.getByRole('button', { name: 'Add quote' }).click();
  await expect(alice.page.getByText('3 items')).toBeVisible();

  // Timeline: two events entered out of order
  await alice.openTab('Timeline');
  await alice.page.getByRole('button', { name: 'Add event' }).click();
  await alice.page.getByLabel('Date precision').selectOption('month');
  await alice.page.getByLabel('Date', { exact: true }).fill('2022-10');
  await alice.page.getByLabel('Event title').fill('Telegram channels post the story');
  await expect(alice.page.getByRole('listitem').filter({ hasText: 'Telegram channels post the story' })).toBeVisible();
  // The new event's form opens above the story, where the first event stays open for editing.
  await alice.page.getByRole('button', { name: 'Add event' }).click();
  await alice.page.getByLabel('Date precision').first().selectOption('day');
  await alice.page.getByLabel('Date', { exact: true }).first().fill('1990-10-25');
  await alice.page.getByLabel('Event title').first().fill('Declaration of state sovereignty');
  await expect(alice.page.getByRole('list', { name: 'The story, in order' }).locator(':scope > li')).toHaveCount(2);

  // Verdict
  await alice.openTab('Verdict');
  await alice.page.getByLabel('Rating').selectOption('false');

  // Bob sees it all.
  await bob.openTab('Evidence');
  await expect(bob.page.getByText('3 items')).toBeVisible();
  const fileRow = bob.page.getByRole('listitem').filter({ hasText: 'denial.txt' });
  await expect(fileRow.locator('code')).toHaveText(sha256(denial));
  await fileRow.getByRole('button', { name: 'denial.txt' }).click();
  const download = bob.page.waitForEvent('download');
  await bob.page.getByRole('link', { name: 'Download denial.txt' }).click();
  const received = await readFile(await (await download).path());
  expect(received.equals(denial)).toBe(true);
  expect(sha256(received)).toBe(sha256(denial));
  await bob.page.keyboard.press('Escape');

  await bob.openTab('Timeline');
  const story = bob.page.getByRole('list', { name: 'The story, in order' }).locator(':scope > li');
  await expect(story).toHaveCount(2);
  await expect(story.nth(0)).toContainText('Declaration of state sovereignty');
  await expect(story.nth(1)).toContainText('Telegram channels post the story');

  await bob.openTab('Verdict');
  await expect(bob.page.getByLabel('Rating')).toHaveValue('false');
});

test('evidence whose stored bytes were altered shows an integrity warning', async ({ investigator }) => {
  const alice = await investigator();
  await alice.createCase('Tamper check');
  await alice.openTab('Evidence');
  await alice.page.getByLabel('Add file').setInputFiles({ name: 'denial.txt', mimeType: 'text/plain', buffer: denial });
  await expect(alice.page.getByRole('listitem').filter({ hasText: 'denial.txt' }).locator('code')).toHaveText(
    sha256(denial),
  );

  // Someone edits the bytes kept in this browser's IndexedDB behind Casefile's back.
  await alice.page.evaluate(
    (sha) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('casefile');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction('blobs', 'readwrite').objectStore('blobs');
          const get = store.get(sha);
          get.onsuccess = () => {
            const row = get.result;
            if (!row) return reject(new Error('blob not stored'));
            row.blob = new Blob(['NATO opened a centre.'], { type: 'text/plain' });
            const put = store.put(row);
            put.onsuccess = () => {
              db.close();
              resolve();
            };
            put.onerror = () => reject(put.error);
          };
        };
      }),
    sha256(denial),
  );
  await alice.page.reload();
  await alice.page
    .getByRole('listitem')
    .filter({ hasText: 'denial.txt' })
    .getByRole('button', { name: 'denial.txt' })
    .click();
  await expect(alice.page.getByRole('alert').filter({ hasText: /^Integrity warning:/ })).toBeVisible();
  await expect(alice.page.getByRole('link', { name: 'Download denial.txt' })).toHaveCount(0);
});

test('the demo case shows every part of a case file', async ({ investigator }) => {
  const alice = await investigator();
  await alice.page
    .getByRole('list')
    .getByRole('link', { name: /Astana/ })
    .click();
  await alice.openTab('Claims');
  await expect(alice.page.getByLabel('Claim text').first()).toHaveValue(/NATO/);
  await alice.openTab('Actors');
  await expect(alice.page.getByLabel('Name', { exact: true })).toHaveCount(5);
  await alice.openTab('Evidence');
  await expect(alice.page.getByText('4 items')).toBeVisible();
  await expect(alice.page.locator('code').first()).toHaveText(/^[0-9a-f]{64}$/);
  await alice.openTab('Timeline');
  await expect(alice.page.getByRole('list', { name: 'The story, in order' }).locator(':scope > li')).toHaveCount(6);
  await alice.openTab('Verdict');
  await expect(alice.page.getByLabel('Rating')).toHaveValue('false');
  await alice.openTab('Overview');
  await expect(alice.page.getByRole('list', { name: 'Activity' })).toContainText('Casefile demo created');
});

test('search finds a case by a Cyrillic actor name and by a phrase from its quotes, and nothing for unknown words', async ({
  investigator,
}) => {
  const alice = await investigator();
  // Search covers the cases on this device: open the demo case once so it is stored here.
  await alice.page
    .getByRole('list')
    .getByRole('link', { name: /Astana/ })
    .click();
  await expect(alice.title).toHaveValue(/Astana/);

  const search = alice.page.getByRole('searchbox', { name: 'Search cases' }).or(alice.page.getByLabel('Search cases'));
  await search.fill('Аргументы');
  await search.press('Enter');
  const results = alice.page.getByRole('list', { name: 'Results' });
  await expect(results.getByRole('link', { name: /Astana/ })).toBeVisible();

  await search.fill('high level');
  await search.press('Enter');
  await expect(results.getByRole('link', { name: /Astana/ })).toBeVisible();

  await search.fill('nonexistentwordxyz');
  await search.press('Enter');
  await expect(results.getByRole('link')).toHaveCount(0);
});

import { expect, test } from './fixtures.js';

test('a new user sees the demo case in the list and can open it filled in', async ({ investigator }) => {
  const alice = await investigator();
  const demo = alice.page.getByRole('list').getByRole('link', { name: /Astana/ });
  await expect(demo).toHaveCount(1);
  await demo.click();
  await expect(alice.title).toHaveValue(/Astana/);
  await expect(alice.summary).not.toHaveValue('');
  await alice.openTab('Notes');
  await expect(alice.notes).toContainText('Ministry of Defence');
  await expect(alice.connection).toHaveText(/^Synced/);
});

test('a case created by one investigator appears in the other one’s list', async ({ investigator }) => {
  const alice = await investigator();
  const bob = await investigator();
  await alice.createCase('Biolabs moved from Ukraine');
  await expect(bob.page.getByRole('link', { name: 'Biolabs moved from Ukraine', exact: true })).toBeVisible();
});

test('two investigators see each other’s title and notes within seconds, both ways', async ({ investigator }) => {
  const alice = await investigator();
  const bob = await investigator();
  await alice.createCase('Peacekeeping centre');
  await alice.typeInNotes('Alice: the photo shows a conference hall.');
  await bob.openCase('Peacekeeping centre');
  await bob.openTab('Notes');
  await expect(bob.notes).toContainText('Alice: the photo shows a conference hall.', { timeout: 5_000 });
  await expect(bob.page.getByRole('list', { name: 'Who is here' })).toContainText(/Investigator|Alice/);

  await bob.openTab('Overview');
  await bob.title.fill('Peacekeeping centre (checked)');
  await bob.typeInNotes(' Bob: the Ministry denied it.');
  await expect(alice.notes).toContainText('Bob: the Ministry denied it.', { timeout: 5_000 });
  await alice.openTab('Overview');
  await expect(alice.title).toHaveValue('Peacekeeping centre (checked)', { timeout: 5_000 });

  await alice.summary.fill('Genuine photo, false caption.');
  await bob.openTab('Overview');
  await expect(bob.summary).toHaveValue('Genuine photo, false caption.', { timeout: 5_000 });
});

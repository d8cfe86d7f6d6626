import { expect, test } from './fixtures.js';

test('two investigators edit offline, the same paragraph and different fields, and converge with every edit', async ({
  investigator,
}) => {
  const alice = await investigator();
  const bob = await investigator();
  await alice.createCase('Offline merge');
  await alice.typeInNotes('Shared paragraph.');
  await bob.openCase('Offline merge');
  await bob.openTab('Notes');
  await expect(bob.notes).toHaveText('Shared paragraph.');

  await alice.goOffline();
  await bob.goOffline();

  await alice.typeInNotes(' Alice was here.');
  await bob.typeInNotes(' Bob was here.');
  // Nothing crosses while both are offline.
  await expect(bob.notes).not.toContainText('Alice was here.');
  await expect(alice.notes).not.toContainText('Bob was here.');
  await alice.openTab('Overview');
  await alice.title.fill('Offline merge — title by Alice');
  await bob.openTab('Overview');
  await bob.summary.fill('Summary by Bob');

  await alice.goOnline();
  await bob.goOnline();

  for (const person of [alice, bob]) {
    await expect(person.title).toHaveValue('Offline merge — title by Alice');
    await expect(person.summary).toHaveValue('Summary by Bob');
    await person.openTab('Notes');
    await expect(person.notes).toContainText('Alice was here.');
    await expect(person.notes).toContainText('Bob was here.');
    await expect(person.notes).toContainText('Shared paragraph.');
  }
  // Both edits landed in one paragraph, and both sides hold the same text.
  await expect(alice.notes.locator('p')).toHaveCount(1);
  expect(await alice.notes.textContent()).toBe(await bob.notes.textContent());
});

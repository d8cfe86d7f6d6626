import { expect, test } from './fixtures.js';

test('with the server stopped, a reload opens the app and the case from this device, and edits reach the server later', async ({
  investigator,
  server,
}) => {
  const alice = await investigator();
  await alice.createCase('Field notes');
  await alice.summary.fill('Written before the outage.');
  await alice.typeInNotes('Notes before the outage.');
  await alice.waitForOfflineShell();
  // What the person saw confirmed ("Synced") is what must survive: the server stored it, and this
  // device wrote it to IndexedDB as it sent it. (A reload within milliseconds of a keystroke can
  // still lose that keystroke: y-dexie writes asynchronously.)
  await expect(alice.connection).toHaveText(/^Synced/, { timeout: 20_000 });
  const caseUrl = alice.page.url();

  await server.stop();
  await alice.page.reload();
  await expect(alice.notes).toContainText('Notes before the outage.');
  await alice.openTab('Overview');
  await expect(alice.title).toHaveValue('Field notes');
  await expect(alice.summary).toHaveValue('Written before the outage.');
  await expect(alice.connection).not.toHaveText(/^Synced/);

  await alice.typeInNotes(' Added while the server was down.');
  await alice.openTab('Overview');
  await alice.title.fill('Field notes (updated offline)');

  await server.launch();
  await expect(alice.connection).toHaveText(/^Synced/, { timeout: 20_000 });

  const bob = await investigator();
  await bob.page.goto(caseUrl);
  await expect(bob.notes).toContainText('Added while the server was down.');
  await bob.openTab('Overview');
  await expect(bob.title).toHaveValue('Field notes (updated offline)');
});

test('the server killed with SIGKILL and restarted still gives a fresh browser the whole case', async ({
  investigator,
  server,
}) => {
  const alice = await investigator();
  const bob = await investigator();
  await alice.createCase('Survives a crash');
  await alice.summary.fill('Every keystroke counts.');
  await alice.typeInNotes('Written just before the crash.');
  const caseUrl = alice.page.url();
  // Bob receiving the edits proves the server persisted them: it writes before it broadcasts.
  await bob.page.goto(caseUrl);
  await expect(bob.notes).toContainText('Written just before the crash.');
  await bob.openTab('Overview');
  await expect(bob.summary).toHaveValue('Every keystroke counts.');
  await alice.page.close();
  await bob.page.close();

  await server.kill();
  await server.launch();

  const carol = await investigator();
  await expect(carol.page.getByRole('link', { name: 'Survives a crash', exact: true })).toBeVisible();
  await carol.openCase('Survives a crash');
  await expect(carol.summary).toHaveValue('Every keystroke counts.');
  await carol.openTab('Notes');
  await expect(carol.notes).toContainText('Written just before the crash.');
});

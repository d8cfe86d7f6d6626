import { expect, test } from './fixtures.js';

async function invite(serverUrl: string, ownerToken: string, caseId: string, user: string, role: string) {
  const response = await fetch(`${serverUrl}/cases/${caseId}/invites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ownerToken}` },
    body: JSON.stringify({ user, role, expiresIn: '1d' }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { link: string }).link;
}

test('a new server refuses strangers, lets the first owner in by its link, an invited editor work and a viewer read', async ({
  browser,
  server,
}) => {
  // A stranger who found the address sees the app, but nothing of the team's cases.
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(`${server.url}/`);
  await expect(strangerPage.getByRole('status').filter({ hasText: /^No access/ })).toContainText('Sign in first');
  await expect(strangerPage.getByRole('link', { name: /Astana/ })).toHaveCount(0);

  // The newcomer who started the server opens the link it printed.
  expect(server.firstOwnerLink).toMatch(/\/#\/join\//);
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await ownerPage.goto(server.firstOwnerLink);
  await expect(ownerPage.getByRole('link', { name: /Astana/ })).toBeVisible();
  await ownerPage.getByRole('button', { name: 'New case' }).click();
  await expect(ownerPage).toHaveURL(/#\/case\/[0-9a-z]{24}$/);
  await ownerPage.getByRole('textbox', { name: 'Case title', exact: true }).fill('Bots behind the leaflet');
  const caseId = /#\/case\/([0-9a-z]{24})/.exec(ownerPage.url())?.[1] ?? '';
  const ownerToken = server.firstOwnerLink.split('/#/join/')[1] ?? '';

  // An invited editor works on that case (and only that case).
  const editorLink = await invite(server.url, ownerToken, caseId, 'edith', 'editor');
  const editor = await browser.newContext();
  const editorPage = await editor.newPage();
  await editorPage.goto(editorLink);
  const editorTitle = editorPage.getByRole('textbox', { name: 'Case title', exact: true });
  await expect(editorTitle).toHaveValue('Bots behind the leaflet', { timeout: 15_000 });
  await editorTitle.fill('Bots behind the leaflet, checked');
  await expect(ownerPage.getByRole('textbox', { name: 'Case title', exact: true })).toHaveValue(
    'Bots behind the leaflet, checked',
  );

  // An invited viewer reads it, in read-only mode.
  const viewerLink = await invite(server.url, ownerToken, caseId, 'vera', 'viewer');
  const viewer = await browser.newContext();
  const viewerPage = await viewer.newPage();
  await viewerPage.goto(viewerLink);
  const viewerTitle = viewerPage.getByRole('textbox', { name: 'Case title', exact: true });
  await expect(viewerTitle).toHaveValue('Bots behind the leaflet, checked', { timeout: 15_000 });
  await expect(viewerPage.getByText('Read only: you were invited as a viewer')).toBeVisible();
  await expect(viewerTitle).toBeDisabled();

  for (const context of [stranger, owner, editor, viewer]) await context.close();
});

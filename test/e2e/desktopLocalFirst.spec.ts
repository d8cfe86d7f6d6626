import { expect, test } from './fixtures.js';

/**
 * The renderer as the desktop shell runs it: the preload's bridge says "desktop", there is no
 * sync server until the investigator sets one. Electron itself is covered by `pnpm test:electron`;
 * this drives the same renderer in Chromium with the bridge the preload would expose.
 */
test('the desktop app works with no server, then shares its cases with the server it is given', async ({
  browser,
  server,
  investigator,
}) => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'casefile', {
      value: Object.freeze({ getAppInfo: async () => ({ platform: 'desktop', version: '0.0.0-test' }) }),
    });
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);

  // A new local database gets its own demo case; nothing connects.
  const localDemo = page.getByRole('list').getByRole('link', { name: /Astana/ });
  await expect(localDemo).toHaveCount(1);
  await page.getByRole('button', { name: 'New case' }).click();
  await page.getByRole('textbox', { name: 'Case title', exact: true }).fill('Written on the laptop');
  await expect(page.getByRole('status').filter({ hasText: /^Offline/ })).toBeVisible();

  // A teammate on the server does not see it yet.
  const teammate = await investigator();
  await expect(teammate.page.getByRole('link', { name: 'Written on the laptop' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Settings' }).first().click();
  const address = page.getByRole('textbox', { name: 'Sync server address' });
  await address.fill('ftp://example.org');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText(/http/);
  await address.fill(server.url);
  // The owner's invitation, pasted as the link it came as.
  const invitation = `${server.url}/#/join/${await server.token('laptop-user', 'editor')}`;
  await page.getByRole('textbox', { name: 'Invitation link or token' }).fill(invitation);
  await page.getByRole('button', { name: 'Save' }).click();

  await expect(teammate.page.getByRole('link', { name: 'Written on the laptop', exact: true })).toBeVisible({
    timeout: 15_000,
  });
  await teammate.openCase('Written on the laptop');
  await context.close();
});

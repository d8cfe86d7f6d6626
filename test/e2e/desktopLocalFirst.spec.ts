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
    // Main's token vault, kept in memory here (the real one encrypts with the system keychain).
    let byServer: Record<string, string[]> = {};
    Object.defineProperty(window, 'casefile', {
      value: Object.freeze({
        getAppInfo: async () => ({ platform: 'desktop', version: '0.0.0-test' }),
        readAccessTokens: async () => ({ byServer, problem: null }),
        storeAccessTokens: async (args: { byServer: Record<string, string[]> }) => {
          byServer = args.byServer;
          (window as unknown as { __vault: unknown }).__vault = byServer;
          return { stored: true, problem: null };
        },
        deleteAccessTokens: async () => {
          byServer = {};
          return { deleted: true };
        },
      }),
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

  // The desktop app handed the token to main's vault; none sits in IndexedDB.
  expect(await page.evaluate(() => Object.keys((window as unknown as { __vault?: object }).__vault ?? {}))).toEqual([
    server.url,
  ]);
  const storedInDatabase = await page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('casefile');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('settings').objectStore('settings').get('accessTokens');
          request.onsuccess = () => resolve(request.result ?? null);
          request.onerror = () => reject(request.error);
        };
      }),
  );
  expect(storedInDatabase).toBeNull();
  await context.close();
});

import { expect, test } from './fixtures.js';

test('a local database the app cannot read shows what happened and what to do, not a blank screen', async ({
  browser,
  server,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Same origin as the app, without starting it: leave a database as a newer Casefile would.
  await page.goto(`${server.url}/health`);
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('casefile', 9999);
        request.onupgradeneeded = () => request.result.createObjectStore('somethingElse');
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
  );
  await page.goto(`${server.url}/`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('could not be opened');
  await expect(alert).toContainText('newer Casefile');
  await context.close();
});

import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';

const appDir = fileURLToPath(new URL('../../apps/desktop', import.meta.url));

test('the desktop app opens one locked-down window with the demo case', async () => {
  const app = await electron.launch({ args: [appDir] });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('link', { name: /Astana/ })).toBeVisible();
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const [win] = BrowserWindow.getAllWindows();
      const web = win?.webContents;
      return {
        windows: BrowserWindow.getAllWindows().length,
        url: web?.getURL(),
      };
    });
    expect(prefs.windows).toBe(1);
    expect(prefs.url).toMatch(/^casefile:\/\/app\//);
    const hasNode = await window.evaluate(() => typeof (globalThis as { require?: unknown }).require !== 'undefined');
    expect(hasNode).toBe(false);
    const bridge = await window.evaluate(() => Object.keys((globalThis as { casefile?: object }).casefile ?? {}));
    expect(bridge.length).toBeGreaterThan(0);
    // Navigation away from the app is denied.
    await window.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await window.waitForTimeout(500);
    expect(window.url()).toMatch(/^casefile:\/\/app\//);
  } finally {
    await app.close();
  }
});

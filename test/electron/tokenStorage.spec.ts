import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ElectronApplication, _electron as electron, expect, test } from '@playwright/test';
import { SyncServerProcess } from '../e2e/syncServer.js';

const appDir = fileURLToPath(new URL('../../apps/desktop', import.meta.url));

function launch(userData: string): Promise<ElectronApplication> {
  return electron.launch({ args: [appDir, `--user-data-dir=${userData}`] });
}

/**
 * Invitations in the desktop app are kept by main, encrypted with safeStorage, in the user data
 * folder: signed in, the app quits and starts again still signed in, and the token is nowhere in
 * that folder in plain text. Where safeStorage has no keychain (Linux's basic_text) the app
 * refuses to keep it and Settings says why.
 */
test('an invitation survives a restart, encrypted by the system keychain', async () => {
  const server = await SyncServerProcess.start();
  const userData = await mkdtemp(join(tmpdir(), 'casefile-electron-tokens-'));
  try {
    let app = await launch(userData);
    const keychain = await app.evaluate(({ safeStorage }) => ({
      available: safeStorage.isEncryptionAvailable(),
      backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'system',
    }));
    const encrypted = keychain.available && keychain.backend !== 'basic_text' && keychain.backend !== 'unknown';

    let window = await app.firstWindow();
    await window.getByRole('link', { name: 'Settings' }).first().click();
    await window.getByRole('textbox', { name: 'Sync server address' }).fill(server.url);
    const token = await server.token('desk-user', 'editor');
    await window.getByRole('textbox', { name: 'Invitation link or token' }).fill(`${server.url}/#/join/${token}`);
    await window.getByRole('button', { name: 'Save' }).click();
    const status = window.getByRole('status').filter({ hasText: /^(Offline|Connecting|Synced|Syncing|No access)/ });
    await expect(status).toHaveText(/^Synced/, { timeout: 15_000 });

    if (!encrypted) {
      await expect(window.getByRole('note').filter({ hasText: /keyring|keychain/ })).toBeVisible();
      await app.close();
      return;
    }
    const vault = await readFile(join(userData, 'access-tokens.enc'));
    expect(vault.toString('latin1')).not.toContain(token.split('.')[1] ?? token);
    await app.close();

    app = await launch(userData);
    window = await app.firstWindow();
    await window.getByRole('link', { name: 'Settings' }).first().click();
    await expect(window.getByRole('textbox', { name: 'Sync server address' })).toHaveValue(server.url);
    await expect(
      window.getByRole('status').filter({ hasText: /^(Offline|Connecting|Synced|Syncing|No access)/ }),
    ).toHaveText(/^Synced/, { timeout: 15_000 });
    await app.close();
  } finally {
    await server.dispose();
    await rm(userData, { recursive: true, force: true });
  }
});

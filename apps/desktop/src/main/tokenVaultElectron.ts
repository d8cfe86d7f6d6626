import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import { createTokenVault, encryptionProblem, type TokenVault } from './tokenVault.js';

/** The token vault with Electron's safeStorage, in the app's user data folder. */
export function createSafeStorageTokenVault(): TokenVault {
  return createTokenVault({
    file: join(app.getPath('userData'), 'access-tokens.enc'),
    cipher: {
      problem: () =>
        encryptionProblem({
          available: safeStorage.isEncryptionAvailable(),
          platform: process.platform,
          linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
        }),
      encrypt: (text) => safeStorage.encryptString(text),
      decrypt: (bytes) => safeStorage.decryptString(bytes),
    },
  });
}

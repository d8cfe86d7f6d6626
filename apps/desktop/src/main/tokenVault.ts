import { readFile, rm } from 'node:fs/promises';
import { saveFileAtomically } from './atomicSave.js';

/** Access tokens per sync server origin, as the renderer's AccessTokenBook holds them. */
export type TokenBook = Record<string, string[]>;

/**
 * The encryption the vault uses, injected so that this module stays plain (tested in Node with a
 * fake). In the app it is Electron's safeStorage (tokenVaultElectron.ts).
 */
export interface TokenCipher {
  /** Why tokens cannot be encrypted here, or null when they can. */
  problem(): string | null;
  encrypt(text: string): Buffer;
  decrypt(bytes: Buffer): string;
}

/** What safeStorage reports, for encryptionProblem. */
export interface SafeStorageFacts {
  available: boolean;
  platform: NodeJS.Platform;
  /** Linux only: safeStorage.getSelectedStorageBackend(). */
  linuxBackend?: string;
}

/**
 * Whether tokens may be stored. On Linux without a keyring (no Secret Service, no KWallet)
 * Electron falls back to its `basic_text` backend, which encrypts with a key written in Chromium's
 * source: that is plain text to anyone who can read the file, so it counts as unavailable and
 * tokens are refused rather than kept that way.
 */
export function encryptionProblem(facts: SafeStorageFacts): string | null {
  if (facts.platform === 'linux' && (facts.linuxBackend === 'basic_text' || facts.linuxBackend === 'unknown')) {
    return 'This computer has no keyring (such as GNOME Keyring or KWallet) to encrypt your invitations with, so Casefile keeps them only until it quits: open your invitation link again after a restart, or start a keyring and restart Casefile.';
  }
  if (!facts.available) {
    return 'The system keychain is not available to encrypt your invitations, so Casefile keeps them only until it quits: open your invitation link again after a restart.';
  }
  return null;
}

const UNREADABLE =
  'The invitations stored on this computer could not be decrypted (the system keychain may have changed), so they were set aside: open your invitation link again.';

const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** The book from decrypted JSON, keeping only well-formed entries (a damaged file yields what it can). */
export function readTokenBook(text: string): TokenBook {
  const value = JSON.parse(text) as unknown;
  const stored = (value as { byServer?: unknown } | null)?.byServer;
  const book: TokenBook = {};
  if (typeof stored !== 'object' || stored === null) return book;
  for (const [server, tokens] of Object.entries(stored)) {
    if (Array.isArray(tokens)) book[server] = tokens.filter((token): token is string => typeof token === 'string');
  }
  return book;
}

export interface TokenVault {
  read(): Promise<{ byServer: TokenBook; problem: string | null }>;
  store(byServer: TokenBook): Promise<{ stored: boolean; problem: string | null }>;
  delete(): Promise<void>;
}

/**
 * The desktop app's tokens in one file, encrypted as a whole: written atomically (temp file,
 * fsync, rename; mode 0600), so a crash leaves the old book or the new one, never half of one.
 */
export function createTokenVault(options: { file: string; cipher: TokenCipher }): TokenVault {
  const { file, cipher } = options;
  return {
    async read() {
      const problem = cipher.problem();
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { byServer: {}, problem };
        throw error;
      }
      if (problem) return { byServer: {}, problem };
      if (bytes.length > MAX_FILE_BYTES) return { byServer: {}, problem: UNREADABLE };
      try {
        return { byServer: readTokenBook(cipher.decrypt(bytes)), problem: null };
      } catch {
        return { byServer: {}, problem: UNREADABLE };
      }
    },
    async store(byServer) {
      const problem = cipher.problem();
      if (problem) return { stored: false, problem };
      const bytes = cipher.encrypt(JSON.stringify({ version: 1, byServer }));
      await saveFileAtomically(file, bytes, 0o600);
      return { stored: true, problem: null };
    },
    async delete() {
      await rm(file, { force: true });
    },
  };
}

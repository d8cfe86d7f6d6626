import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The token signing key's file in the data directory: 32 random bytes, base64url, mode 0600. */
export const SIGNING_KEY_FILE = 'signing-key';

/**
 * The server's signing key: read from `<dataDir>/signing-key`, created on first use. Created with
 * `wx` so that a server and the CLI starting at once cannot write two different keys: the loser
 * of the race reads the winner's. Whoever can read this file can sign in as anyone.
 */
export async function loadOrCreateSigningKey(dataDir: string): Promise<Uint8Array> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, SIGNING_KEY_FILE);
  try {
    await writeFile(path, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // A key restored from a backup may have come back readable by others.
  await chmod(path, 0o600).catch(() => {});
  const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64url');
  if (key.length < 32) {
    throw new Error(
      `The signing key in ${path} is damaged (under 32 bytes). Remove it to make a new one; every token issued so far stops working.`,
    );
  }
  return new Uint8Array(key);
}

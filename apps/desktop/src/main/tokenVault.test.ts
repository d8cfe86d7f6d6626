import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenVault, encryptionProblem, type TokenCipher } from './tokenVault';

// A reversible stand-in for safeStorage: the bytes on disk must not contain the token.
const xor = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ 0x5a));
function fakeCipher(problem: string | null = null): TokenCipher {
  return {
    problem: () => problem,
    encrypt: (text) => xor(Buffer.from(text, 'utf8')),
    decrypt: (bytes) => {
      const text = xor(bytes).toString('utf8');
      if (!text.startsWith('{'))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text;
    },
  };
}

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'casefile-token-vault-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('token vault', () => {
  it('stores tokens encrypted, reads them back, and deletes them', async () => {
    const file = join(dir, 'access-tokens.enc');
    const vault = createTokenVault({ file, cipher: fakeCipher() });
    expect(await vault.read()).toEqual({ byServer: {}, problem: null });
    const book = { 'http://127.0.0.1:1234': ['header.payload-secret.signature'] };
    expect(await vault.store(book)).toEqual({ stored: true, problem: null });
    expect((await readFile(file)).toString('utf8')).not.toContain('payload-secret');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await vault.read()).toEqual({ byServer: book, problem: null });
    await vault.delete();
    expect(await vault.read()).toEqual({ byServer: {}, problem: null });
  });

  it('refuses to store without encryption and reads nothing then', async () => {
    const file = join(dir, 'access-tokens.enc');
    const vault = createTokenVault({ file, cipher: fakeCipher('no keyring') });
    expect(await vault.store({ s: ['t'] })).toEqual({ stored: false, problem: 'no keyring' });
    await expect(readFile(file)).rejects.toThrow();
    expect(await vault.read()).toEqual({ byServer: {}, problem: 'no keyring' });
  });

  it('sets aside a file it cannot decrypt, and keeps only well-formed entries', async () => {
    const file = join(dir, 'access-tokens.enc');
    await writeFile(file, 'garbage');
    const vault = createTokenVault({ file, cipher: fakeCipher() });
    const damaged = await vault.read();
    expect(damaged.byServer).toEqual({});
    expect(damaged.problem).toMatch(/could not be decrypted/);
    await writeFile(file, xor(Buffer.from(JSON.stringify({ byServer: { a: ['t', 3], b: 'x' } }))));
    expect((await vault.read()).byServer).toEqual({ a: ['t'] });
  });

  it('counts Linux’s basic_text backend as no encryption', () => {
    expect(encryptionProblem({ available: true, platform: 'linux', linuxBackend: 'basic_text' })).toMatch(/no keyring/);
    expect(encryptionProblem({ available: true, platform: 'linux', linuxBackend: 'gnome_libsecret' })).toBeNull();
    expect(encryptionProblem({ available: true, platform: 'darwin' })).toBeNull();
    expect(encryptionProblem({ available: false, platform: 'win32' })).toMatch(/not available/);
  });
});

import { describe, expect, it } from 'vitest';
import type { CasefileBridge } from '../../shared/bridge';
import { AccessTokenBook, type TokensByServer, vaultTokenStore } from './accessTokens';

// An unsigned token with the claims the app reads (the server verifies; the app only reads).
function token(user: string, caseId: string | null = null): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `${part({ alg: 'HS256' })}.${part({ sub: user, role: 'editor', exp, ...(caseId ? { case: caseId } : {}) })}.sig`;
}

function fakeVault(problem: string | null = null) {
  let kept: TokensByServer = {};
  const bridge: Pick<CasefileBridge, 'readAccessTokens' | 'storeAccessTokens'> = {
    readAccessTokens: async () => ({ byServer: problem ? {} : kept, problem }),
    storeAccessTokens: async ({ byServer }) => {
      if (problem) return { stored: false, problem };
      kept = byServer;
      return { stored: true, problem: null };
    },
  };
  return { bridge, kept: () => kept };
}

describe('the desktop token store', () => {
  it('moves tokens an earlier version left in the database into the vault, and removes them there', async () => {
    const vault = fakeVault();
    let legacy: unknown = { 'http://s': [token('ana')] };
    const store = vaultTokenStore(vault.bridge, {
      read: async () => legacy,
      remove: async () => {
        legacy = undefined;
      },
    });
    const book = await AccessTokenBook.load(store);
    expect(book.tokens('http://s')).toHaveLength(1);
    expect(vault.kept()['http://s']).toHaveLength(1);
    expect(legacy).toBeUndefined();
    await book.add('http://s', token('ben'));
    expect(vault.kept()['http://s']).toHaveLength(2);
    expect(book.storageProblem).toBeNull();
  });

  it('keeps a token for the session where the vault refuses it, and says why', async () => {
    const vault = fakeVault('no keyring');
    let legacy: unknown = { 'http://s': [token('ana')] };
    const book = await AccessTokenBook.load(
      vaultTokenStore(vault.bridge, {
        read: async () => legacy,
        remove: async () => {
          legacy = undefined;
        },
      }),
    );
    // Plain-text tokens leave the database even so.
    expect(legacy).toBeUndefined();
    expect(book.storageProblem).toBe('no keyring');
    const claims = await book.add('http://s', token('ben'));
    expect(claims.user).toBe('ben');
    expect(book.forRoom('http://s', 'workspace')?.user).toBeDefined();
  });
});

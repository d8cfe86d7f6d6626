import { type CasefileDatabase, getSetting, putSetting } from '@casefile/storage';
import { type AccessTokenClaims, chooseToken, readAccessToken } from '@casefile/sync';
import type { CasefileBridge } from '../../shared/bridge';

export const SETTING_ACCESS_TOKENS = 'accessTokens';

export type TokensByServer = Record<string, string[]>;

/**
 * Where the book is kept. The browser: the local database, like the server address. The desktop
 * app: main's vault, encrypted with the system keychain (never IndexedDB in plain text).
 */
export interface TokenBookStore {
  /** The stored tokens, and why none could be read when that is so (null: all well). */
  load(): Promise<{ byServer: TokensByServer; problem: string | null }>;
  /** Keeps the book; the problem when it could not be kept (the tokens then last this session only). */
  save(byServer: TokensByServer): Promise<string | null>;
}

function tokensOf(stored: unknown): TokensByServer {
  const byServer: TokensByServer = {};
  if (typeof stored === 'object' && stored !== null) {
    for (const [server, tokens] of Object.entries(stored)) {
      if (Array.isArray(tokens)) byServer[server] = tokens.filter((token) => typeof token === 'string');
    }
  }
  return byServer;
}

/** The browser build's store: the settings table of the local database. */
export function settingsTokenStore(db: CasefileDatabase): TokenBookStore {
  return {
    load: async () => ({ byServer: tokensOf(await getSetting<unknown>(db, SETTING_ACCESS_TOKENS)), problem: null }),
    save: async (byServer) => {
      await putSetting(db, SETTING_ACCESS_TOKENS, byServer);
      return null;
    },
  };
}

/**
 * The desktop app's store: main's encrypted vault (readAccessTokens/storeAccessTokens). Tokens an
 * earlier version left in the settings table move to the vault and leave the database, even where
 * the vault refuses them (no keychain): plain-text tokens must not stay on disk; they then last
 * this session, and Settings says why.
 */
export function vaultTokenStore(
  bridge: Pick<CasefileBridge, 'readAccessTokens' | 'storeAccessTokens'>,
  legacy: { read(): Promise<unknown>; remove(): Promise<void> },
): TokenBookStore {
  const save = async (byServer: TokensByServer) => (await bridge.storeAccessTokens({ byServer })).problem;
  return {
    async load() {
      const { byServer, problem } = await bridge.readAccessTokens();
      const old = tokensOf(await legacy.read());
      if (Object.keys(old).length === 0) return { byServer, problem };
      const merged: TokensByServer = { ...byServer };
      for (const [server, tokens] of Object.entries(old)) {
        merged[server] = [...new Set([...(merged[server] ?? []), ...tokens])];
      }
      const saveProblem = await save(merged);
      await legacy.remove();
      return { byServer: merged, problem: saveProblem ?? problem };
    },
    save,
  };
}

/** The legacy settings entry as vaultTokenStore reads and removes it. */
export function legacySettingsTokens(db: CasefileDatabase): { read(): Promise<unknown>; remove(): Promise<void> } {
  return {
    read: () => getSetting<unknown>(db, SETTING_ACCESS_TOKENS),
    remove: async () => {
      if ((await getSetting<unknown>(db, SETTING_ACCESS_TOKENS)) !== undefined) {
        await db.settings.delete(SETTING_ACCESS_TOKENS);
      }
    },
  };
}

/**
 * The access tokens this device holds, per sync server (its origin): one for every case, or one
 * per case a person was invited to. The app picks per room the token that covers it (chooseToken).
 */
export class AccessTokenBook {
  private constructor(
    private readonly store: TokenBookStore,
    private byServer: TokensByServer,
    /** Why the tokens are not kept on this device (they last this session), or null. */
    public storageProblem: string | null,
  ) {}

  static async load(store: TokenBookStore): Promise<AccessTokenBook> {
    const { byServer, problem } = await store.load();
    return new AccessTokenBook(store, byServer, problem);
  }

  tokens(serverUrl: string | null): string[] {
    return serverUrl === null ? [] : (this.byServer[serverUrl] ?? []);
  }

  /** The token (and its claims) that opens `room` on `serverUrl`, or null. */
  forRoom(serverUrl: string | null, room: string): AccessTokenClaims | null {
    return chooseToken(this.tokens(serverUrl), room);
  }

  /**
   * Keeps `token` for `serverUrl`; expired tokens and tokens it replaces (same user and case) go.
   * Returns its claims; throws when it is not a token. A store that refuses (no keychain) leaves
   * the token in use for this session, with `storageProblem` saying so.
   */
  async add(serverUrl: string, token: string): Promise<AccessTokenClaims> {
    const claims = readAccessToken(token);
    if (!claims) throw new Error('This is not a Casefile invitation: check that the whole link was copied.');
    const now = Date.now();
    const kept = this.tokens(serverUrl).filter((other) => {
      const held = readAccessToken(other);
      return held !== null && held.expiresAt > now && !(held.user === claims.user && held.caseId === claims.caseId);
    });
    this.byServer = { ...this.byServer, [serverUrl]: [...kept, token] };
    this.storageProblem = await this.store.save(this.byServer);
    return claims;
  }
}

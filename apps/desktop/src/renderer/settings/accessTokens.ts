import { type CasefileDatabase, getSetting, putSetting } from '@casefile/storage';
import { type AccessTokenClaims, chooseToken, readAccessToken } from '@casefile/sync';

export const SETTING_ACCESS_TOKENS = 'accessTokens';

/**
 * The access tokens this device holds, per sync server (its origin): one for every case, or one
 * per case a person was invited to. Kept in the local database, like the server address; the app
 * picks per room the token that covers it (chooseToken).
 */
export class AccessTokenBook {
  private constructor(
    private readonly db: CasefileDatabase,
    private byServer: Record<string, string[]>,
  ) {}

  static async load(db: CasefileDatabase): Promise<AccessTokenBook> {
    const stored = await getSetting<unknown>(db, SETTING_ACCESS_TOKENS);
    const byServer: Record<string, string[]> = {};
    if (typeof stored === 'object' && stored !== null) {
      for (const [server, tokens] of Object.entries(stored)) {
        if (Array.isArray(tokens)) byServer[server] = tokens.filter((token) => typeof token === 'string');
      }
    }
    return new AccessTokenBook(db, byServer);
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
   * Returns its claims; throws when it is not a token.
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
    await putSetting(this.db, SETTING_ACCESS_TOKENS, this.byServer);
    return claims;
  }
}

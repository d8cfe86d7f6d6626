import { isCaseId, WORKSPACE_ROOM } from '@casefile/model';
import {
  type AccessClaims,
  AuthError,
  issueToken,
  type Role,
  roleRank,
  type TokenRequest,
  verifyToken,
} from './accessToken.js';
import type { DocumentStore } from './persistence.js';
import { type Revocation, RevocationList } from './revocations.js';
import type { ConnectionAccess } from './room.js';
import { loadOrCreateSigningKey } from './signingKey.js';

/**
 * Who may open which room and touch which case. A token without `case` holds its role for every
 * case and for the team's list (the `workspace` room); a token with `case` holds it for that case
 * alone and is refused on the list, which would tell it other cases' ids and titles. A case's
 * creator (the user whose update created it, recorded by the server) is its owner. Revocations
 * refuse a user's tokens issued before them.
 */
export class AccessControl {
  private constructor(
    private readonly key: Uint8Array,
    readonly revocations: RevocationList,
    private readonly store: DocumentStore,
  ) {}

  static async open(dataDir: string, store: DocumentStore): Promise<AccessControl> {
    const key = await loadOrCreateSigningKey(dataDir);
    return new AccessControl(key, await RevocationList.open(dataDir), store);
  }

  issue(request: TokenRequest): Promise<string> {
    return issueToken(this.key, request);
  }

  /** The claims of a valid, unexpired token; AuthError(401) otherwise. */
  async authenticate(token: string | null): Promise<AccessClaims> {
    if (token === null) {
      throw new AuthError(401, 'Sign in first: open the invitation link you were given, or ask a case owner for one.');
    }
    return verifyToken(this.key, token);
  }

  /** Why `claims` may not use `room` now (a revocation), or null. */
  refusal(claims: AccessClaims, room: string): AuthError | null {
    return this.revocations.refusal(claims, room === WORKSPACE_ROOM ? null : room);
  }

  /** What `claims` may do in `room` (the workspace or a case); AuthError(403 or 401) when nothing. */
  async authorizeRoom(claims: AccessClaims, room: string): Promise<ConnectionAccess> {
    if (room === WORKSPACE_ROOM) {
      if (claims.caseId !== null) {
        throw new AuthError(403, 'Your invitation covers one case; the team’s list of cases is not shared with you.');
      }
      const revoked = this.refusal(claims, room);
      if (revoked) throw revoked;
      return { user: claims.user, role: claims.role, canWrite: claims.role !== 'viewer', canCreate: false };
    }
    const role = await this.roleForCase(claims, room);
    return {
      user: claims.user,
      role,
      canWrite: role !== 'viewer',
      canCreate: claims.caseId === null && role !== 'viewer',
    };
  }

  /**
   * The role `claims` hold for case `caseId`, at least `needed`; AuthError otherwise. The answer
   * depends only on the token and the case id, never on what the case holds.
   */
  async roleForCase(claims: AccessClaims, caseId: string, needed: Role = 'viewer'): Promise<Role> {
    if (!isCaseId(caseId) || (claims.caseId !== null && claims.caseId !== caseId)) {
      throw new AuthError(403, 'Your access does not cover this case. Ask its owner for an invitation.');
    }
    const revoked = this.refusal(claims, caseId);
    if (revoked) throw revoked;
    let role = claims.role;
    if (role !== 'owner' && (await this.store.getCaseRecord(caseId))?.owner === claims.user) role = 'owner';
    if (roleRank(role) < roleRank(needed)) {
      throw new AuthError(403, `This needs the ${needed} role for this case; you are ${article(role)} ${role}.`);
    }
    return role;
  }

  /** Records a revocation now (and in the file the CLI appends to). */
  revoke(user: string, caseId: string | null): Promise<Revocation> {
    return this.revocations.revoke(user, caseId);
  }
}

function article(role: Role): string {
  return role === 'owner' || role === 'editor' ? 'an' : 'a';
}

/** An issuer for the CLI and tests: signs with the key of a data directory (creating it if new). */
export async function issueTokenForDataDir(dataDir: string, request: TokenRequest): Promise<string> {
  return issueToken(await loadOrCreateSigningKey(dataDir), request);
}

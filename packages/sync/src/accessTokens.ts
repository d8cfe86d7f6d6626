import { isCaseId } from '@casefile/model';
import { decodeJwt } from 'jose';

/**
 * Access tokens as the app holds them. The server signs and checks them; the client only reads
 * their claims (no key, no verification) to choose which token opens which room and to show
 * read-only mode to viewers.
 */
export type AccessRole = 'viewer' | 'editor' | 'owner';

export interface AccessTokenClaims {
  token: string;
  user: string;
  role: AccessRole;
  /** The one case the token covers, or null for every case and the team's list. */
  caseId: string | null;
  /** Milliseconds. */
  expiresAt: number;
}

const RANK: Record<AccessRole, number> = { viewer: 0, editor: 1, owner: 2 };

/** The claims of a token, or null when it is not one of ours (unreadable, or missing a claim). */
export function readAccessToken(token: string): AccessTokenClaims | null {
  try {
    const claims = decodeJwt(token);
    const role = claims.role;
    const caseId = claims.case ?? null;
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
    if (role !== 'viewer' && role !== 'editor' && role !== 'owner') return null;
    if (caseId !== null && !isCaseId(caseId)) return null;
    return { token, user: claims.sub, role, caseId, expiresAt: claims.exp * 1000 };
  } catch {
    return null;
  }
}

/**
 * The token from what a person pasted: an invitation link (`…/#/join/<token>`) or the bare token.
 * Null when it holds neither.
 */
export function tokenFromInvitation(text: string): string | null {
  const trimmed = text.trim();
  const fromLink = /#\/join\/([A-Za-z0-9._-]+)\s*$/.exec(trimmed)?.[1];
  const token = fromLink ?? trimmed;
  return readAccessToken(token) ? token : null;
}

/**
 * Which of `tokens` opens `room` (a case id or the workspace): an unexpired token for that case or
 * for every case; the highest role wins, then the latest expiry. Null when none does (the list of
 * cases needs a token for every case).
 */
export function chooseToken(
  tokens: readonly string[],
  room: string,
  now: number = Date.now(),
): AccessTokenClaims | null {
  let best: AccessTokenClaims | null = null;
  for (const token of tokens) {
    const claims = readAccessToken(token);
    if (!claims || claims.expiresAt <= now) continue;
    const covers = claims.caseId === null || (claims.caseId === room && isCaseId(room));
    if (!covers) continue;
    if (
      !best ||
      RANK[claims.role] > RANK[best.role] ||
      (RANK[claims.role] === RANK[best.role] && claims.expiresAt > best.expiresAt)
    ) {
      best = claims;
    }
  }
  return best;
}

import { isCaseId } from '@casefile/model';
import { errors, jwtVerify, SignJWT } from 'jose';

/**
 * Access tokens: HS256 JWTs signed with the server's key (signingKey.ts). Claims: `sub` (who),
 * `role` (owner, editor or viewer), optional `case` (the one case the token covers; without it
 * the role holds for every case and for the team's list of cases), `iat` and `exp`.
 *
 * `iat` carries milliseconds (a fractional NumericDate, which RFC 7519 allows), so that a
 * revocation and a new invitation issued within the same second are told apart.
 */
export const ROLES = ['viewer', 'editor', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export interface AccessClaims {
  /** The person (`sub`). */
  user: string;
  role: Role;
  /** The one case the token covers, or null for every case and the list. */
  caseId: string | null;
  /** `iat`, in milliseconds. */
  issuedAt: number;
  /** `exp`, in milliseconds. */
  expiresAt: number;
}

/** Close codes for refused sockets; 44xx tells y-websocket not to reconnect. */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;

/** Why a request or socket is refused: `status` 401 (no valid token) or 403 (the token does not cover it). */
export class AuthError extends Error {
  override name = 'AuthError';
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }

  get closeCode(): number {
    return this.status === 401 ? CLOSE_UNAUTHENTICATED : CLOSE_FORBIDDEN;
  }
}

/** Longer tokens are not even parsed (ours are a few hundred bytes). */
export const MAX_TOKEN_LENGTH = 4096;
/** A user name: what `sub` may hold, so that logs and the custody record stay readable. */
const USER_PATTERN = /^[\p{L}\p{N}._@+ -]{1,100}$/u;
const ALGORITHM = 'HS256';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isUserName(value: unknown): value is string {
  return typeof value === 'string' && USER_PATTERN.test(value) && value.trim() === value;
}

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

const DURATION_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "30s", "15m", "12h", "7d" -> milliseconds; throws RangeError for anything else. */
export function parseDuration(text: string): number {
  const match = /^(\d{1,6})([smhd])$/.exec(text.trim());
  const unit = match?.[2] ? DURATION_UNITS[match[2]] : undefined;
  if (!match || unit === undefined || Number(match[1]) === 0) {
    throw new RangeError(`"${text}" is not a duration: write a number and s, m, h or d, e.g. 7d or 12h.`);
  }
  return Number(match[1]) * unit;
}

export interface TokenRequest {
  user: string;
  role: Role;
  caseId?: string | null;
  /** How long the token is valid, in milliseconds. */
  expiresInMs: number;
  /** Default Date.now(). */
  now?: number;
}

/** Signs a token. Used by the server (invitations, the first owner's link), the CLI and tests. */
export async function issueToken(key: Uint8Array, request: TokenRequest): Promise<string> {
  if (!isUserName(request.user)) {
    throw new RangeError(
      `"${request.user}" is not a user name: 1 to 100 letters, digits, spaces or . _ @ + -, no leading or trailing space.`,
    );
  }
  if (!isRole(request.role)) throw new RangeError(`"${request.role}" is not a role: owner, editor or viewer.`);
  const caseId = request.caseId ?? null;
  if (caseId !== null && !isCaseId(caseId)) throw new RangeError(`"${caseId}" is not a case id.`);
  if (!(request.expiresInMs > 0)) throw new RangeError('A token must expire after it is issued.');
  const now = request.now ?? Date.now();
  return new SignJWT({ role: request.role, ...(caseId ? { case: caseId } : {}), iat: now / 1000 })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(request.user)
    .setExpirationTime(Math.floor((now + request.expiresInMs) / 1000))
    .sign(key);
}

/** Checks a token's signature, expiry and claims; throws AuthError(401) with a reason a person can act on. */
export async function verifyToken(key: Uint8Array, token: string, now: number = Date.now()): Promise<AccessClaims> {
  if (token.length > MAX_TOKEN_LENGTH) throw new AuthError(401, 'The access token is too long to be one of ours.');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      requiredClaims: ['sub', 'iat', 'exp'],
      currentDate: new Date(now),
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw new AuthError(401, 'Your access token has expired. Ask the case owner for a new invitation.');
    }
    throw new AuthError(401, 'The access token is not valid here (forged, damaged or from another server).');
  }
  const { sub, role, iat, exp } = payload;
  const caseId = payload.case;
  if (
    !isUserName(sub) ||
    !isRole(role) ||
    typeof iat !== 'number' ||
    typeof exp !== 'number' ||
    (caseId !== undefined && !isCaseId(caseId))
  ) {
    throw new AuthError(401, 'The access token lacks a user, a role or a valid case.');
  }
  return { user: sub, role, caseId: caseId ?? null, issuedAt: iat * 1000, expiresAt: exp * 1000 };
}

/** The bearer token of an HTTP request, or null. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization ?? '');
  return match?.[1] ?? null;
}

/** The `token` query parameter of a WebSocket upgrade URL (y-websocket's `params: { token }`), or null. */
export function tokenFromUpgradeUrl(requestUrl: string | undefined): string | null {
  const query = (requestUrl ?? '').split('?')[1];
  if (query === undefined) return null;
  const token = new URLSearchParams(query).get('token');
  return token === null || token === '' ? null : token;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessControl } from './accessControl.js';
import { type AccessClaims, AuthError, bearerToken, isRole, isUserName, parseDuration } from './accessToken.js';
import { readCustody } from './custodyLog.js';
import type { DocumentStore } from './persistence.js';

/** Invitations last this long unless the owner says otherwise. */
export const DEFAULT_INVITE_EXPIRY = '7d';
/** An invitation request's JSON body is small; more is refused unread. */
const MAX_BODY_BYTES = 4096;

export interface AccessRouteOptions {
  access: AccessControl;
  store: DocumentStore;
  /** Called after a revocation was recorded, to close the connections it ends. */
  onRevoked: () => void;
}

type Route =
  | { kind: 'custody'; caseId: string }
  | { kind: 'invites'; caseId: string }
  | { kind: 'case-revocations'; caseId: string }
  | { kind: 'revocations' };

/** The access routes: `/cases/<id>/custody`, `/cases/<id>/invites`, `/cases/<id>/revocations`, `/revocations`. */
export function accessRoute(path: string): Route | null {
  if (path === '/revocations') return { kind: 'revocations' };
  const match = /^\/cases\/([^/]+)\/(custody|invites|revocations)$/.exec(path);
  if (!match?.[1]) return null;
  const caseId = match[1];
  if (match[2] === 'custody') return { kind: 'custody', caseId };
  if (match[2] === 'invites') return { kind: 'invites', caseId };
  return { kind: 'case-revocations', caseId };
}

const CORS_HEADERS = { 'Access-Control-Allow-Origin': '*' };

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...CORS_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RequestError(413, 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new RequestError(400, 'Send a JSON object, e.g. {"user": "bob", "role": "editor", "expiresIn": "7d"}.');
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function requireMethod(req: IncomingMessage, method: string): void {
  if (req.method !== method) throw new RequestError(405, `Use ${method} here.`);
}

/**
 * Answers an access route. Every route needs `Authorization: Bearer <token>`; what it allows
 * depends on the token alone (and the case's recorded owner), never on what the case holds.
 */
export async function handleAccessRequest(
  req: IncomingMessage,
  res: ServerResponse,
  route: Route,
  options: AccessRouteOptions,
): Promise<void> {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      ...CORS_HEADERS,
      'Access-Control-Allow-Methods': 'GET, POST',
      'Access-Control-Allow-Headers': 'Content-Type, Authorization',
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return;
  }
  const { access } = options;
  try {
    const claims = await access.authenticate(bearerToken(req.headers.authorization));
    switch (route.kind) {
      case 'custody': {
        requireMethod(req, 'GET');
        await access.roleForCase(claims, route.caseId, 'viewer');
        const { entries, verification, lastHash } = await readCustody(options.store, route.caseId);
        sendJson(res, 200, { caseId: route.caseId, entries, verification, lastHash });
        return;
      }
      case 'invites': {
        requireMethod(req, 'POST');
        await access.roleForCase(claims, route.caseId, 'owner');
        const body = await readJsonBody(req);
        sendJson(res, 201, await createInvite(req, access, route.caseId, body));
        return;
      }
      case 'case-revocations': {
        requireMethod(req, 'POST');
        await access.roleForCase(claims, route.caseId, 'owner');
        const user = userOf(await readJsonBody(req));
        const revocation = await access.revoke(user, route.caseId);
        options.onRevoked();
        sendJson(res, 201, { user, case: route.caseId, revokedAt: new Date(revocation.revokedAt).toISOString() });
        return;
      }
      case 'revocations': {
        requireMethod(req, 'POST');
        requireTeamOwner(claims, access);
        const user = userOf(await readJsonBody(req));
        const revocation = await access.revoke(user, null);
        options.onRevoked();
        sendJson(res, 201, { user, case: null, revokedAt: new Date(revocation.revokedAt).toISOString() });
        return;
      }
    }
  } catch (error) {
    if (error instanceof AuthError || error instanceof RequestError) {
      sendJson(res, error.status, { error: error.message });
      return;
    }
    throw error;
  }
}

function requireTeamOwner(claims: AccessClaims, access: AccessControl): void {
  const revoked = access.refusal(claims, 'workspace');
  if (revoked) throw revoked;
  if (claims.caseId !== null || claims.role !== 'owner') {
    throw new AuthError(403, 'Only an owner of every case may revoke access to the whole server.');
  }
}

function userOf(body: Record<string, unknown>): string {
  if (!isUserName(body.user)) throw new RequestError(400, 'Name the person: {"user": "<their user name>"}.');
  return body.user;
}

/** An invitation: a token for one case and role, with an expiry, and the link that signs its holder in. */
async function createInvite(
  req: IncomingMessage,
  access: AccessControl,
  caseId: string,
  body: Record<string, unknown>,
): Promise<{ user: string; role: string; case: string; expiresAt: string; token: string; link: string }> {
  const user = userOf(body);
  if (!isRole(body.role)) throw new RequestError(400, 'Give the role: "owner", "editor" or "viewer".');
  let expiresInMs: number;
  try {
    expiresInMs = parseDuration(typeof body.expiresIn === 'string' ? body.expiresIn : DEFAULT_INVITE_EXPIRY);
  } catch (error) {
    throw new RequestError(400, (error as Error).message);
  }
  const now = Date.now();
  const token = await access.issue({ user, role: body.role, caseId, expiresInMs, now });
  return {
    user,
    role: body.role,
    case: caseId,
    expiresAt: new Date(now + expiresInMs).toISOString(),
    token,
    link: joinLink(`http://${req.headers.host ?? '127.0.0.1'}`, token),
  };
}

/** The web app's sign-in link for a token: `<origin>/#/join/<token>`. */
export function joinLink(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/#/join/${token}`;
}

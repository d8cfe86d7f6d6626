import type { AccessRole } from '@casefile/sync';

/**
 * The sync server's sharing routes, as the Share dialog calls them: `POST /cases/<id>/invites`
 * (an invitation link for one person, role and expiry) and `POST /cases/<id>/revocations` (that
 * person's access to the case ends; the server closes their open connections at once). Plain
 * fetches, signed in with the headers the case's file requests carry (BlobTransfer.requestHeaders).
 */

export const INVITE_EXPIRIES = [
  { value: '1d', label: '1 day' },
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
] as const;

export type InviteExpiry = (typeof INVITE_EXPIRIES)[number]['value'];

/** The roles an owner may hand out; the server accepts owner for the case too. */
export const INVITE_ROLES: readonly AccessRole[] = ['editor', 'viewer', 'owner'];

export interface ShareRequestContext {
  serverUrl: string;
  caseId: string;
  /** Sign-in headers for this case (`Authorization: Bearer …`). */
  headers: Record<string, string>;
  fetch?: typeof fetch;
}

export interface Invitation {
  user: string;
  role: AccessRole;
  link: string;
  /** Milliseconds. */
  expiresAt: number;
}

/** A sharing request failed; the message is for the person. */
export class ShareError extends Error {
  override name = 'ShareError';
}

/** The server's user-name rule (1 to 100 letters, digits, spaces or . _ @ + -), checked before asking. */
export function userNameProblem(name: string): string | null {
  if (name.trim() === '') return 'Write the person’s user name.';
  if (name.trim() !== name) return 'Remove the spaces before or after the name.';
  if (!/^[\p{L}\p{N} ._@+-]{1,100}$/u.test(name)) {
    return 'A user name has 1 to 100 letters, digits, spaces or . _ @ + - characters.';
  }
  return null;
}

export async function createInvitation(
  context: ShareRequestContext,
  request: { user: string; role: AccessRole; expiresIn: InviteExpiry },
): Promise<Invitation> {
  const body = await post(context, 'invites', request, 'create the invitation');
  const { user, role, link, expiresAt } = body as Record<string, unknown>;
  const expires = typeof expiresAt === 'string' ? Date.parse(expiresAt) : Number.NaN;
  if (typeof user !== 'string' || typeof link !== 'string' || !isRole(role) || Number.isNaN(expires)) {
    throw new ShareError('The sync server’s answer was not an invitation. Is the address that of a Casefile server?');
  }
  return { user, role, link, expiresAt: expires };
}

export async function removeAccess(context: ShareRequestContext, user: string): Promise<void> {
  await post(context, 'revocations', { user }, 'remove access');
}

function isRole(value: unknown): value is AccessRole {
  return value === 'viewer' || value === 'editor' || value === 'owner';
}

async function post(
  context: ShareRequestContext,
  route: 'invites' | 'revocations',
  payload: unknown,
  doing: string,
): Promise<unknown> {
  const doFetch = context.fetch ?? fetch;
  const url = `${context.serverUrl.replace(/\/+$/, '')}/cases/${encodeURIComponent(context.caseId)}/${route}`;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...context.headers },
      body: JSON.stringify(payload),
    });
  } catch {
    throw new ShareError(
      `The sync server (${context.serverUrl}) could not be reached, so Casefile could not ${doing}. Check the connection, then try again.`,
    );
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A body that is not JSON: the status says enough.
  }
  if (response.ok) return body;
  const said =
    typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string'
      ? (body as { error: string }).error
      : null;
  throw new ShareError(describeShareFailure(response.status, said, doing));
}

/** What the person reads for an error status of the sharing routes. */
export function describeShareFailure(status: number, said: string | null, doing: string): string {
  switch (status) {
    case 401:
      return `The sync server did not accept your sign-in${said ? ` (${said})` : ''}. Open your invitation link again, then try again.`;
    case 403:
      return `Only an owner of this case can ${doing}. ${said ?? ''}`.trim();
    case 400:
      return said ?? `The sync server refused the request (HTTP 400).`;
    default:
      return said
        ? `Casefile could not ${doing}: ${said}`
        : `Casefile could not ${doing} (the sync server answered HTTP ${status}). Try again; if it keeps failing, tell whoever runs the server.`;
  }
}

import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isCaseId } from '@casefile/model';
import { type AccessClaims, AuthError, isUserName } from './accessToken.js';

/**
 * Revocations live in `<dataDir>/revocations.jsonl`, one JSON object a line, only ever appended
 * (O_APPEND, fsync): the server and the `casefile-sync revoke` command may both write while the
 * server runs (LevelDB is locked by the server, a file is not), and an append loses no one else's
 * line. The server re-reads the file when its size changes (RevocationList.reload, every few
 * seconds), so a revocation from the command applies within a minute.
 */
export const REVOCATIONS_FILE = 'revocations.jsonl';

export interface Revocation {
  user: string;
  /** The case it applies to, or null for every case and the list. */
  caseId: string | null;
  /** Milliseconds: tokens of `user` issued at or before this moment are refused. */
  revokedAt: number;
}

function parseLine(line: string): Revocation | null {
  try {
    const raw = JSON.parse(line) as { user?: unknown; case?: unknown; revokedAt?: unknown };
    if (!isUserName(raw.user) || typeof raw.revokedAt !== 'number') return null;
    if (raw.case !== null && !isCaseId(raw.case)) return null;
    return { user: raw.user, caseId: raw.case, revokedAt: raw.revokedAt };
  } catch {
    // A line cut short by a crash mid-append: ignored, like a revocation never made.
    return null;
  }
}

export class RevocationList {
  private byUser = new Map<string, Revocation[]>();
  private readBytes = -1;

  private constructor(private readonly path: string) {}

  static async open(dataDir: string): Promise<RevocationList> {
    const list = new RevocationList(join(dataDir, REVOCATIONS_FILE));
    await list.reload();
    return list;
  }

  /** Re-reads the file if it changed size; resolves true when it did. */
  async reload(): Promise<boolean> {
    const size = (await stat(this.path).catch(() => null))?.size ?? 0;
    if (size === this.readBytes) return false;
    const text = size === 0 ? '' : await readFile(this.path, 'utf8').catch(() => '');
    const byUser = new Map<string, Revocation[]>();
    for (const line of text.split('\n')) {
      const revocation = line.trim() === '' ? null : parseLine(line);
      if (!revocation) continue;
      const list = byUser.get(revocation.user) ?? [];
      list.push(revocation);
      byUser.set(revocation.user, list);
    }
    this.byUser = byUser;
    this.readBytes = Buffer.byteLength(text);
    return true;
  }

  /** Records, durably, that `user`'s tokens (for `caseId`, or for everything) issued until now are refused. */
  async revoke(user: string, caseId: string | null, now: number = Date.now()): Promise<Revocation> {
    const revocation = await appendRevocation(this.path, user, caseId, now);
    await this.reload();
    return revocation;
  }

  /** Why these claims may not open `caseId` (null: the list of cases), or null when no revocation applies. */
  refusal(claims: AccessClaims, caseId: string | null): AuthError | null {
    for (const revocation of this.byUser.get(claims.user) ?? []) {
      if (claims.issuedAt > revocation.revokedAt) continue;
      if (revocation.caseId === null) {
        return new AuthError(401, 'Your access to this server was revoked. Ask an owner for a new invitation.');
      }
      if (revocation.caseId === caseId) {
        return new AuthError(403, 'Your access to this case was revoked. Ask its owner for a new invitation.');
      }
    }
    return null;
  }
}

/** Appends one revocation to `<dataDir>/revocations.jsonl` (the CLI calls this; so does the server). */
export async function revokeInDataDir(dataDir: string, user: string, caseId: string | null): Promise<Revocation> {
  return appendRevocation(join(dataDir, REVOCATIONS_FILE), user, caseId, Date.now());
}

async function appendRevocation(path: string, user: string, caseId: string | null, now: number): Promise<Revocation> {
  if (!isUserName(user)) throw new RangeError(`"${user}" is not a user name.`);
  if (caseId !== null && !isCaseId(caseId)) throw new RangeError(`"${caseId}" is not a case id.`);
  const revocation: Revocation = { user, caseId, revokedAt: now };
  const file = await open(path, 'a', 0o600);
  try {
    await file.appendFile(`${JSON.stringify({ user, case: caseId, revokedAt: now })}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  return revocation;
}

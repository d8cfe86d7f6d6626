// `casefile-sync token|revoke`: access tokens and revocations for administrators and scripts,
// working on a server's data directory (its signing key and revocation file), with or without
// the server running.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { issueTokenForDataDir } from './accessControl.js';
import { isRole, parseDuration } from './accessToken.js';
import { revokeInDataDir } from './revocations.js';

export const ADMIN_USAGE = `Usage:
  casefile-sync token  --data DIR --user NAME --role owner|editor|viewer [--case ID] [--expires 30d]
      prints a token signed with the server's key (creating the key if the directory is new)
  casefile-sync revoke --data DIR --user NAME [--case ID]
      refuses NAME's tokens issued until now (for case ID, or for everything); a server running
      on DIR applies it within a minute and closes their connections

The web app signs in with http(s)://<server>/#/join/<token>. --expires takes s, m, h or d (default 30d).
`;

/** Runs one command; returns the exit code. Relative paths are taken from where pnpm was started. */
export async function runAdminCommand(
  argv: readonly string[],
  out: (text: string) => void,
  cwd: string = process.env.INIT_CWD ?? process.cwd(),
): Promise<number> {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const [command, ...rest] = args;
  let values: { data?: string; user?: string; role?: string; case?: string; expires?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        user: { type: 'string' },
        role: { type: 'string' },
        case: { type: 'string' },
        expires: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help || command === undefined || command === 'help' || command === '--help') {
    out(ADMIN_USAGE);
    return 0;
  }
  if (!values.data) throw new UsageError('--data DIR is required: the server’s data directory.');
  if (!values.user) throw new UsageError('--user NAME is required.');
  const dataDir = resolve(cwd, values.data);
  const caseId = values.case ?? null;
  if (command === 'token') {
    if (!isRole(values.role)) throw new UsageError('--role must be owner, editor or viewer.');
    const expiresInMs = parseDuration(values.expires ?? '30d');
    out(`${await issueTokenForDataDir(dataDir, { user: values.user, role: values.role, caseId, expiresInMs })}\n`);
    return 0;
  }
  if (command === 'revoke') {
    if (values.role !== undefined || values.expires !== undefined) {
      throw new UsageError('revoke takes --data, --user and optionally --case.');
    }
    const revocation = await revokeInDataDir(dataDir, values.user, caseId);
    out(
      `Revoked ${values.user}'s tokens issued before ${new Date(revocation.revokedAt).toISOString()}` +
        `${caseId ? ` for case ${caseId}` : ' for every case'}.\n`,
    );
    return 0;
  }
  throw new UsageError(`Unknown command "${command}": use token or revoke.`);
}

export class UsageError extends Error {
  override name = 'UsageError';
}

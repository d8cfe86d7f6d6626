import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const USAGE = `Usage: casefile-sync-server [options]

Serves Casefile's sync endpoint (WebSocket, one room per case and one for the workspace list),
GET /health, and the built web app.

Options:
  --port <n>    TCP port, 0 for any free port (env PORT; default 1234)
  --host <addr> address to listen on (default 127.0.0.1; 0.0.0.0 to serve the LAN)
  --data <dir>  data directory, created if missing (env CASEFILE_DATA; default ./data)
  --web <dir>   built web app to serve (env CASEFILE_WEB_ROOT; default apps/desktop/dist/web)
  -h, --help    show this help
`;

export interface CliOptions {
  help: boolean;
  port: number;
  host: string;
  /** Absolute path. */
  dataDir: string;
  /** Absolute path, or undefined for the server's default. */
  webRoot: string | undefined;
}

/** A command line the server cannot run with; the message says what to change. */
export class OptionsError extends Error {
  override name = 'OptionsError';
}

function parsePort(value: string, source: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new OptionsError(`${source} must be a port number from 0 to 65535, not ${JSON.stringify(value)}.`);
  }
  return Number(value);
}

function nonEmpty(value: string, source: string): string {
  if (value.trim() === '') throw new OptionsError(`${source} must not be empty.`);
  return value;
}

/** Reads the command line and environment; command-line options win over environment variables. */
export function parseCliOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): CliOptions {
  let values: { port?: string; host?: string; data?: string; web?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      // `pnpm start -- --port 80` passes the `--` through; it separates nothing here.
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        web: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new OptionsError((error as Error).message);
  }
  if (values.help) {
    return { help: true, port: 1234, host: '127.0.0.1', dataDir: resolve(cwd, 'data'), webRoot: undefined };
  }

  const port =
    values.port !== undefined
      ? parsePort(values.port, '--port')
      : env.PORT !== undefined && env.PORT !== ''
        ? parsePort(env.PORT, 'The PORT environment variable')
        : 1234;
  const host = nonEmpty(values.host ?? '127.0.0.1', '--host');
  const data = values.data ?? (env.CASEFILE_DATA || undefined) ?? './data';
  const dataDir = resolve(cwd, nonEmpty(data, values.data !== undefined ? '--data' : 'CASEFILE_DATA'));

  const webSource = values.web !== undefined ? '--web' : 'CASEFILE_WEB_ROOT';
  const web = values.web ?? (env.CASEFILE_WEB_ROOT || undefined);
  let webRoot: string | undefined;
  if (web !== undefined) {
    webRoot = resolve(cwd, nonEmpty(web, webSource));
    if (!statSync(webRoot, { throwIfNoEntry: false })?.isDirectory()) {
      throw new OptionsError(
        `${webSource}: ${webRoot} is not a directory. Build the web app first (pnpm build) or point to its dist/web folder.`,
      );
    }
  }
  return { help: false, port, host, dataDir, webRoot };
}

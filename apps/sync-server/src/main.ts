#!/usr/bin/env -S node --import tsx
import { joinLink } from './accessRoutes.js';
import { parseDuration } from './accessToken.js';
import { OptionsError, parseCliOptions, USAGE } from './options.js';
import { StoreLockedError } from './persistence.js';
import { type RunningServer, startServer } from './server.js';

let options: ReturnType<typeof parseCliOptions>;
try {
  options = parseCliOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof OptionsError)) throw error;
  process.stderr.write(`casefile-sync-server: ${error.message}\nRun with --help to see the options.\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const log = (line: string) => console.log(line);
/** The user name of the link printed at start. */
const FIRST_OWNER = 'owner';

// Handlers go in before anything is announced: a signal that arrives right after the "listening"
// line must still shut down cleanly, not kill the process with writes in flight.
let serverReady: Promise<RunningServer | null> = Promise.resolve(null);
let stopping = false;
const stop = (signal: string) => {
  if (stopping) {
    process.stderr.write(`casefile-sync-server: ${signal} again, exiting without waiting.\n`);
    process.exit(1);
  }
  stopping = true;
  log(`${signal}: closing connections and the data store…`);
  serverReady
    .then((server) => server?.close())
    .then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`casefile-sync-server: shutdown failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

serverReady = startServer({
  port: options.port,
  host: options.host,
  dataDir: options.dataDir,
  ...(options.webRoot !== undefined ? { webRoot: options.webRoot } : {}),
  log,
}).catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  const message =
    error instanceof StoreLockedError
      ? error.message
      : code === 'EADDRINUSE'
        ? `Port ${options.port} on ${options.host} is already in use. Stop the other server or pass --port.`
        : code === 'EACCES'
          ? `Not allowed to listen on ${options.host}:${options.port}. Choose a port above 1023.`
          : `Could not start: ${(error as Error).message}`;
  process.stderr.write(`casefile-sync-server: ${message}\n`);
  process.exit(1);
});
const server = await serverReady;
if (server && !stopping) {
  log(`Casefile sync server listening on ${server.url}`);
  await announceFirstOwnerLink(server);
}

/**
 * Every start prints a fresh link that signs its opener in as an owner of every case, so that
 * whoever runs the server can get in and invite the others. It is a secret: whoever has it is owner.
 */
async function announceFirstOwnerLink(running: RunningServer): Promise<void> {
  const token = await running.issueToken({ user: FIRST_OWNER, role: 'owner', expiresInMs: parseDuration('30d') });
  // A server listening on every address is reached from this machine through loopback.
  const origin = running.url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:');
  log(
    `First owner: open this link to sign in as "${FIRST_OWNER}", owner of every case (keep it secret; valid 30 days):\n` +
      `  ${joinLink(origin, token)}`,
  );
}

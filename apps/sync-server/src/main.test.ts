import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { newCaseId } from '@casefile/model';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUp, connectClient, makeTempDir, onCleanup, waitFor } from './testSupport.js';

afterEach(cleanUp);

const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** The token of the first owner's link the server printed. */
  ownerToken: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the CLI as a separate process, exactly as `pnpm start` does. */
function runCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: packageDir,
    env: { ...process.env, PORT: '', CASEFILE_DATA: '', CASEFILE_WEB_ROOT: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

async function startServerProcess(dataDir: string): Promise<ServerProcess> {
  const run = runCli(['--port', '0', '--data', dataDir, '--web', dataDir]);
  let url = '';
  let ownerToken = '';
  await waitFor(
    () => {
      url = /Casefile sync server listening on (http:\/\/\S+)/.exec(run.stdout())?.[1] ?? '';
      ownerToken = /\/#\/join\/(\S+)/.exec(run.stdout())?.[1] ?? '';
      return (url !== '' && ownerToken !== '') || run.child.exitCode !== null;
    },
    'the server process never said it was listening',
    20_000,
  );
  if (!url) throw new Error(`The server process exited early:\n${run.stdout()}\n${run.stderr()}`);
  return { child: run.child, url, ownerToken, exited: run.exited, output: () => run.stdout() + run.stderr() };
}

describe('the server process', () => {
  it('keeps an update a client has seen, even when killed with SIGKILL right after', async () => {
    const dataDir = await makeTempDir();
    const room = newCaseId();
    const first = await startServerProcess(dataDir);
    const writer = connectClient(first.url, room, undefined, { token: first.ownerToken });
    const witness = connectClient(first.url, room, undefined, { token: first.ownerToken });
    await Promise.all([writer.synced, witness.synced]);

    writer.doc.getText('notes-draft').insert(0, 'The photo shows a conference-hall opening.');
    // The witness only receives an update the server has already written to disk.
    await waitFor(
      () => witness.doc.getText('notes-draft').toString() !== '',
      'the second investigator never received the update',
    );
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    writer.destroy();
    witness.destroy();

    const second = await startServerProcess(dataDir);
    // The key is kept in the data directory: the first start's link still works.
    const reader = connectClient(second.url, room, undefined, { token: first.ownerToken });
    await reader.synced;
    expect(reader.doc.getText('notes-draft').toString()).toBe('The photo shows a conference-hall opening.');
  }, 60_000);

  it('shuts down cleanly on SIGTERM: clients see 1001, the process exits 0, and the data directory opens again', async () => {
    const dataDir = await makeTempDir();
    const server = await startServerProcess(dataDir);
    expect(server.output()).toMatch(/First owner: open this link .*\n {2}http:\/\/127\.0\.0\.1:\d+\/#\/join\/\S+/);
    const client = connectClient(server.url, 'workspace', undefined, { token: server.ownerToken });
    await client.synced;
    const closeCodes: number[] = [];
    client.provider.on('connection-close', (event) => {
      if (event) closeCodes.push(event.code);
    });
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(closeCodes[0]).toBe(1001);
    client.destroy();

    const again = await startServerProcess(dataDir);
    again.child.kill('SIGINT');
    expect(await again.exited).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('refuses a second server on the same data directory with a clear message (exit 1)', async () => {
    const dataDir = await makeTempDir();
    await startServerProcess(dataDir);
    const second = runCli(['--port', '0', '--data', dataDir]);
    expect((await second.exited).code).toBe(1);
    expect(second.stderr()).toMatch(/in use by another Casefile sync server/);
  }, 60_000);

  it('explains a bad option and exits 2; prints usage for --help and exits 0', async () => {
    const bad = runCli(['--port', 'eighty']);
    expect((await bad.exited).code).toBe(2);
    expect(bad.stderr()).toMatch(/--port must be a port number from 0 to 65535, not "eighty"/);
    expect(bad.stderr()).toMatch(/--help/);

    const badEnv = runCli([], { PORT: 'x' });
    expect((await badEnv.exited).code).toBe(2);
    expect(badEnv.stderr()).toMatch(/PORT environment variable/);

    const help = runCli(['--help']);
    expect((await help.exited).code).toBe(0);
    expect(help.stdout()).toMatch(/Usage: casefile-sync-server/);
    expect(help.stdout()).toMatch(/--data <dir>/);
  }, 60_000);
});

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueTokenForDataDir } from '@casefile/sync-server';

const serverDir = fileURLToPath(new URL('../../apps/sync-server/', import.meta.url));

/**
 * The sync server as its own process, run from source as an operator would run it, so that a test
 * can stop it (SIGTERM) or kill it (SIGKILL, a crash) and start it again on the same port and data
 * directory. Unlike the e2e suite's server it serves no web app, so these tests need no build.
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  private output = '';
  port = 0;
  /** How many times it was started. */
  launches = 0;

  private constructor(readonly dataDir: string) {}

  /** A team-wide editor's token for this server's clients (its key lives in the data directory). */
  token = '';

  static async start(): Promise<ServerProcess> {
    const server = new ServerProcess(await mkdtemp(join(tmpdir(), 'casefile-convergence-')));
    server.token = await issueTokenForDataDir(server.dataDir, {
      user: 'convergence-client',
      role: 'editor',
      expiresInMs: 24 * 3_600_000,
    });
    await server.launch();
    return server;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** The y-websocket server URL (the provider appends `/<room>`). */
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Starts the server; after the first launch, on the port it had, so that clients find it again. */
  async launch(): Promise<void> {
    if (this.child) throw new Error('The sync server is already running.');
    const args = ['--import', 'tsx', 'src/main.ts', '--port', String(this.port), '--host', '127.0.0.1'];
    const child = spawn(process.execPath, [...args, '--data', this.dataDir], {
      cwd: serverDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env },
    });
    this.child = child;
    this.launches++;
    const launch = this.launches;
    let output = '';
    const remember = (chunk: Buffer) => {
      output += chunk.toString();
      this.output += `[launch ${launch}] ${chunk.toString()}`;
    };
    child.stdout?.on('data', remember);
    child.stderr?.on('data', remember);
    try {
      this.port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => fail('did not start within 30 s'), 30_000);
        const fail = (why: string) => {
          clearTimeout(timer);
          reject(new Error(`The sync server ${why}:\n${output}`));
        };
        const onData = () => {
          const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(Number(match[1]));
          }
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
        child.once('exit', (code, signal) => fail(`exited (code ${code}, signal ${signal}) before listening`));
      });
    } catch (error) {
      this.child = null;
      throw error;
    }
  }

  /** SIGTERM, the clean shutdown an operator does; resolves with the exit code once it exited. */
  stop(): Promise<number | null> {
    return this.signal('SIGTERM');
  }

  /** SIGKILL: the process dies at once, mid-write if it was writing, as in a crash. */
  kill(): Promise<number | null> {
    return this.signal('SIGKILL');
  }

  /** Everything the server printed, for a failure's message. */
  get log(): string {
    return this.output;
  }

  async dispose(): Promise<void> {
    await this.kill();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  private async signal(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child;
    if (!child) return null;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    return new Promise((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill(signal);
    });
  }
}

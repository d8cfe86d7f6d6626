import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueTokenForDataDir, parseDuration, type Role } from '@casefile/sync-server';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const serverDir = join(repoRoot, 'apps/sync-server');
// CASEFILE_WEB_ROOT: another build of the web app, e.g. an unminified one to profile (test/bench/README.md).
export const webRoot = process.env.CASEFILE_WEB_ROOT ?? join(repoRoot, 'apps/desktop/dist/web');

/** A real sync server in its own process, so that a test can kill it as a crash would. */
export class SyncServerProcess {
  private child: ChildProcess | null = null;
  port = 0;
  /** The first owner's sign-in link the server printed at its last start. */
  firstOwnerLink = '';
  /** What the server printed since its last start (stdout and stderr). */
  output = '';

  private constructor(readonly dataDir: string) {}

  static async start(): Promise<SyncServerProcess> {
    if (!existsSync(join(webRoot, 'index.html'))) {
      throw new Error(`The web app is not built (${webRoot} has no index.html). Run: pnpm build`);
    }
    const server = new SyncServerProcess(await mkdtemp(join(tmpdir(), 'casefile-e2e-')));
    await server.launch();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A token signed with this server's key, as `pnpm casefile-sync token` prints it. */
  token(user: string, role: Role, caseId: string | null = null): Promise<string> {
    return issueTokenForDataDir(this.dataDir, { user, role, caseId, expiresInMs: parseDuration('1d') });
  }

  /** Starts the server, on the port it had before if it ran already (the web app's origin must not change). */
  async launch(): Promise<void> {
    if (this.child) throw new Error('The sync server is already running.');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/main.ts',
        '--port',
        String(this.port),
        '--host',
        '127.0.0.1',
        '--data',
        this.dataDir,
        '--web',
        webRoot,
      ],
      { cwd: serverDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } },
    );
    this.child = child;
    this.output = '';
    this.port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => fail(`did not start within 20 s`), 20_000);
      const fail = (why: string) => {
        clearTimeout(timer);
        reject(new Error(`The sync server ${why}:\n${this.output}`));
      };
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        const match = /listening on http:\/\/[^:]+:(\d+)/.exec(this.output);
        const link = /(http:\/\/\S+\/#\/join\/\S+)/.exec(this.output)?.[1];
        if (match?.[1] && link) {
          this.firstOwnerLink = link;
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => fail(`exited (code ${code}) before listening`));
    });
  }

  /** SIGTERM: the clean shutdown an operator would do. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** SIGKILL: the process dies at once, as in a crash. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async dispose(): Promise<void> {
    if (this.child) await this.kill();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}

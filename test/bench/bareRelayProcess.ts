import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./bareRelayServer.ts', import.meta.url));
// tsx is the tests package's dependency: resolve `--import tsx` from there, wherever the run started.
const testsDir = fileURLToPath(new URL('..', import.meta.url));

/** The bare broadcast server (bareRelayServer.ts) in its own process. */
export class BareRelayProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(): Promise<BareRelayProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: testsDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The bare relay did not start:\n${output}`)), 20_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on ws:\/\/[^:]+:(\d+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The bare relay exited (code ${code}):\n${output}`));
      });
    });
    return new BareRelayProcess(child, port);
  }

  get pid(): number | null {
    return this.child.pid ?? null;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}

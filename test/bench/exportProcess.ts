import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ExportChildResult, ExportJob } from './exportChild.js';
import { DescendantMemoryMeter } from './processTreeMemory.js';

const script = fileURLToPath(new URL('./exportChild.ts', import.meta.url));
// tsx is the tests package's dependency: resolve `--import tsx` from there, wherever the run started.
const testsDir = fileURLToPath(new URL('..', import.meta.url));
// The slowest export here took well under a minute; this only stops a hung Chromium from hanging the run.
const TIMEOUT_MS = 5 * 60_000;

export interface MeasuredExport extends ExportChildResult {
  /** Peak of the summed PSS of the child's descendants (Chromium's processes); NaN off Linux. */
  chromiumPeakBytes: number;
  chromiumProcesses: number;
}

/** Runs one export job in a fresh Node process (exportChild.ts) and measures it from outside too. */
export function runExportProcess(job: ExportJob): Promise<MeasuredExport> {
  const child = fork(script, [JSON.stringify(job)], {
    cwd: testsDir,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const meter = child.pid === undefined ? null : new DescendantMemoryMeter(child.pid);
  meter?.start();
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    let answer: ExportChildResult | null = null;
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('message', (message) => {
      answer = message as ExportChildResult;
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const memory = meter?.stop() ?? { peakBytes: Number.NaN, processes: 0 };
      if (answer === null) {
        reject(new Error(`The export process ended without a result (${signal ?? `code ${code}`}):\n${output}`));
        return;
      }
      resolve({ ...answer, chromiumPeakBytes: memory.peakBytes, chromiumProcesses: memory.processes });
    });
  });
}

import { availableParallelism, cpus } from 'node:os';
import type { Browser } from '@playwright/test';
import { launchChromium } from './benchBrowser.js';
import { type BenchOptions, parseBenchOptions } from './benchOptions.js';
import { REFERENCE_EDITS, runReferenceTrace } from './referenceTrace.js';
import { type ResultRow, renderTable } from './resultTable.js';
import { formatMs } from './stats.js';
import { coldStart } from './workloads/coldStart.js';
import { editLatency } from './workloads/editLatency.js';
import { exportDossier } from './workloads/exportDossier.js';
import { offlineReconcile } from './workloads/offlineReconcile.js';
import { openLargeCase } from './workloads/openLargeCase.js';
import { serverFanout } from './workloads/serverFanout.js';

type Workload = (browser: Browser, options: BenchOptions) => Promise<ResultRow[]>;

// One after another: the machines have two cores, and a workload running beside another measures both.
const WORKLOADS: ReadonlyArray<readonly [number, string, Workload]> = [
  [1, 'open a large case', openLargeCase],
  [2, 'edit latency', editLatency],
  [3, 'server fan-out', serverFanout],
  [4, 'offline reconcile', offlineReconcile],
  [5, 'export', exportDossier],
  [6, 'cold start', coldStart],
];

/** The reference computation, run at the start and at the end: how far apart the two are shows the run's noise. */
function referenceRow(atStart: number, atEnd: number): ResultRow {
  return {
    workload: '0 reference',
    figure: `synthetic B4-like trace (${REFERENCE_EDITS.toLocaleString('en-GB')} edits, Yjs in Node)`,
    value: `${formatMs(atStart)} / ${formatMs(atEnd)}`,
    note: 'a fixed computation, at the start / at the end of the run, to compare machines (README.md: "Reference computation")',
  };
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const started = performance.now();
  console.log(
    `Casefile benchmarks on ${cpus()[0]?.model ?? 'an unknown CPU'} (${availableParallelism()} cores), Node ${process.version}`,
  );
  const referenceAtStart = runReferenceTrace().ms;
  const rows: ResultRow[] = [];
  const browser = await launchChromium();
  try {
    console.log(`Chromium ${browser.version()}`);
    for (const [number, name, run] of WORKLOADS) {
      if (!options.only.has(number)) continue;
      const workloadStarted = performance.now();
      process.stdout.write(`${number} ${name}… `);
      try {
        const result = await run(browser, options);
        rows.push(...result);
        console.log(`done in ${formatMs(performance.now() - workloadStarted)}`);
      } catch (error) {
        // A benchmark never fails the run: the failure becomes a line of the table.
        console.log('failed');
        console.error(error);
        rows.push({
          workload: `${number} ${name}`,
          figure: 'failed',
          value: 'n/a',
          note: error instanceof Error ? error.message.split('\n')[0] : String(error),
        });
      }
    }
  } finally {
    await browser.close();
  }
  rows.unshift(referenceRow(referenceAtStart, runReferenceTrace().ms));
  console.log(`\n${renderTable(rows)}\n\nWhole run: ${formatMs(performance.now() - started)}`);
}

main().catch((error: unknown) => {
  // Benchmarks print; they never fail CI. Only a broken set-up (no Chromium, no build) ends up here.
  console.error(error);
  process.exitCode = 0;
});

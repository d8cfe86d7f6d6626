import { readFile, writeFile } from 'node:fs/promises';
import { buildDossier, type ExportProgress } from '@casefile/dossier';
import { blobDirectorySource, exportDossierToFile, launchChromiumPdfPrinter } from '@casefile/dossier/node';
import * as Y from 'yjs';

/**
 * One export of workload 5, in a process of its own (started by workloads/exportDossier.ts), so
 * that its peak resident memory is the export's alone. Reads one job as JSON from argv, answers
 * with one ExportChildResult over the IPC channel, and exits.
 */
export type ExportJob =
  | {
      kind: 'export';
      /** The case document as one Yjs update, and its id. */
      caseFile: string;
      caseId: string;
      /** Evidence files named by SHA-256; null: the exporter has no bytes. */
      blobsDir: string | null;
      format: 'pdf' | 'bundle';
      outPath: string;
      /** The PDF's export options; absent: the defaults (tagged, contents numbered from a draft). */
      pdf?: { tagged: boolean; contentsPageNumbers: boolean };
    }
  | { kind: 'print'; htmlFile: string; outPath: string };

export interface ExportChildResult {
  ms: number;
  /** When each step ended, in ms from the start (in order). */
  steps: Array<[string, number]>;
  outputBytes: number;
  /** This process's peak resident set (process.resourceUsage().maxRSS), in bytes. */
  maxRssBytes: number;
}

/** Notes when each phase of exportDossier ends (and when the first starts: Chromium is up by then). */
function stepRecorder(started: number, steps: Array<[string, number]>): (progress: ExportProgress) => void {
  const seen = new Set<string>();
  const mark = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    steps.push([name, performance.now() - started]);
  };
  return ({ phase, done, total }) => {
    mark('fonts, Chromium launched');
    if (phase === 'pdf') {
      const names = total === 2 ? ['HTML rendered', 'draft printed', 'PDF printed'] : ['HTML rendered', 'PDF printed'];
      mark(names[done] ?? 'pdf');
    } else if (done === total) mark(phase === 'evidence' ? 'evidence read and hashed' : `${phase} done`);
  };
}

async function runExport(job: Extract<ExportJob, { kind: 'export' }>): Promise<Omit<ExportChildResult, 'maxRssBytes'>> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(await readFile(job.caseFile)));
  // The clock starts with the case open, as in the app or the sync server when Export is pressed.
  const started = performance.now();
  const steps: Array<[string, number]> = [];
  const dossier = buildDossier(doc, job.caseId);
  steps.push(['dossier built', performance.now() - started]);
  const blobs = job.blobsDir === null ? undefined : await blobDirectorySource(job.blobsDir);
  const exported = await exportDossierToFile(dossier, job.format, job.outPath, {
    ...(blobs ? { blobs } : {}),
    ...job.pdf,
    onProgress: stepRecorder(started, steps),
  });
  const ms = performance.now() - started;
  steps.push(['written, Chromium closed', ms]);
  return { ms, steps, outputBytes: exported.bytes.length };
}

/** The baseline: the same printer (same Chromium, flags and print options) printing the finished HTML once. */
async function runPrint(job: Extract<ExportJob, { kind: 'print' }>): Promise<Omit<ExportChildResult, 'maxRssBytes'>> {
  const html = await readFile(job.htmlFile, 'utf8');
  const started = performance.now();
  const printer = await launchChromiumPdfPrinter();
  const steps: Array<[string, number]> = [['Chromium launched', performance.now() - started]];
  try {
    const pdf = await printer.renderPdf(html);
    steps.push(['printed', performance.now() - started]);
    await writeFile(job.outPath, pdf);
    await printer.close();
    const ms = performance.now() - started;
    steps.push(['written, Chromium closed', ms]);
    return { ms, steps, outputBytes: pdf.length };
  } finally {
    await printer.close().catch(() => {});
  }
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as ExportJob;
  const result = job.kind === 'export' ? await runExport(job) : await runPrint(job);
  const answer: ExportChildResult = { ...result, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
  process.send?.(answer, () => process.disconnect());
}

// The workload imports only this module's types (erased), so this runs only as the child's script.
main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
  process.disconnect?.();
});

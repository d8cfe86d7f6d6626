import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDossier } from '@casefile/dossier';
import { blobDirectorySource, exportDossierInNode } from '@casefile/dossier/node';
import * as Y from 'yjs';
import type { BenchOptions } from '../benchOptions.js';
import { generateEvidenceImages, writeEvidenceFolder } from '../evidenceImages.js';
import { type MeasuredExport, runExportProcess } from '../exportProcess.js';
import { generateLargeCase } from '../largeCase.js';
import type { ResultRow } from '../resultTable.js';
import { formatBytes, formatMs } from '../stats.js';

const W = '5 export';
const CASE_ID = 'bench-export-case';

/** The targets: the whole export, from pressing Export to the file written. */
const TARGET_MS = { without: 10_000, with: 30_000 } as const;

type Variant = keyof typeof TARGET_MS;

/** Workload 1's proportions (5,000 items : 1,000 events : 200 actors : 100,000 words), scaled to `items`. */
function caseSize(items: number) {
  return {
    evidence: items,
    events: Math.max(1, Math.round(items / 5)),
    actors: Math.max(1, Math.round(items / 25)),
    noteWords: items * 20,
  };
}

function memory(run: MeasuredExport): string {
  return `Node ${formatBytes(run.maxRssBytes)} + Chromium ${formatBytes(run.chromiumPeakBytes)}`;
}

function steps(run: MeasuredExport): string {
  return run.steps.map(([name, ms]) => `${name} ${formatMs(ms)}`).join(', ');
}

/** What is exported: the defaults (tagged, contents numbered from a draft), or the quickest PDF. */
const EXPORTS = [
  { label: 'PDF', format: 'pdf' },
  { label: 'bundle', format: 'bundle' },
  { label: 'PDF untagged, one print', format: 'pdf', pdf: { tagged: false, contentsPageNumbers: false } },
] as const;

function exportRow(variant: Variant, label: string, run: MeasuredExport, print: MeasuredExport): ResultRow {
  const target = TARGET_MS[variant];
  return {
    workload: W,
    figure: `${label}, ${variant} images: time; peak memory`,
    value: `${formatMs(run.ms)}; ${memory(run)}`,
    baseline: `one print ${formatMs(print.ms)}`,
    ratio: run.ms / print.ms,
    target: `<= ${formatMs(target)}`,
    met: run.ms <= target,
    note: `${formatBytes(run.outputBytes)} written; steps (from the start): ${steps(run)}. Baseline: ${steps(print)}; ${memory(print)}.`,
  };
}

/**
 * Workload 5: a case from the benchmark's generator, exported to PDF and to a bundle through
 * @casefile/dossier's Node path (sharp, the shipped fonts, Debian's Chromium through playwright-core,
 * as `casefile-export` runs it), once with a small image behind every evidence file and once with
 * the same case but no bytes. Each export runs in its own Node process, so its peak memory is its
 * own. Baseline: the same printer printing the finished HTML once (Chromium's share of the work).
 */
export async function exportDossier(_browser: unknown, options: BenchOptions): Promise<ResultRow[]> {
  const items = options.exportItems;
  const images = await generateEvidenceImages(items);
  const { doc } = generateLargeCase(caseSize(items), 1, {
    evidenceFile: (index) => (images[index] as (typeof images)[number]).file,
  });
  const dir = await mkdtemp(join(tmpdir(), 'casefile-bench-export-'));
  try {
    const caseFile = join(dir, 'case.yjs');
    await writeFile(caseFile, Y.encodeStateAsUpdate(doc));
    const blobsDir = join(dir, 'evidence');
    await writeEvidenceFolder(blobsDir, images);

    const rows: ResultRow[] = [];
    for (const variant of ['without', 'with'] as const) {
      const blobs = variant === 'with' ? blobsDir : null;
      // The baseline's HTML is the dossier's own (images re-encoded, fonts embedded), made here, untimed.
      const html = await exportDossierInNode(buildDossier(doc, CASE_ID), 'html', {
        ...(blobs ? { blobs: await blobDirectorySource(blobs) } : {}),
      });
      const htmlFile = join(dir, `${variant}.html`);
      await writeFile(htmlFile, html.bytes);
      const print = await runExportProcess({ kind: 'print', htmlFile, outPath: join(dir, `${variant}-print.pdf`) });
      for (const [index, job] of EXPORTS.entries()) {
        const outPath = join(dir, `${variant}-${index}.${job.format === 'pdf' ? 'pdf' : 'zip'}`);
        const run = await runExportProcess({
          kind: 'export',
          caseFile,
          caseId: CASE_ID,
          blobsDir: blobs,
          format: job.format,
          outPath,
          ...('pdf' in job ? { pdf: job.pdf } : {}),
        });
        rows.push(exportRow(variant, job.label, run, print));
      }
    }
    const imageBytes = images.reduce((sum, image) => sum + image.file.size, 0);
    rows.push({
      workload: W,
      figure: 'case exported',
      value: `${items} items; images ${formatBytes(imageBytes)}`,
      note: `${caseSize(items).events} events, ${caseSize(items).actors} actors, ${caseSize(items).noteWords} words of notes; one image per item (PNG screenshots and JPEG photos, ${formatBytes(imageBytes / Math.max(1, items))} on average). "Without images": the same case exported with no bytes, so each file is listed as not available. Memory: the export process's peak RSS + the peak of its Chromium processes' summed PSS (sampled every 100 ms).`,
    });
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

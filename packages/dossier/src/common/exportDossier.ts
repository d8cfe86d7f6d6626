import { type Bundle, type CustodyRecord, writeBundle } from './bundleWriter.js';
import { CASE_JSON_FORMAT, type CaseJson, type DossierCase } from './caseJson.js';
import { type ClaimReviewOptions, toClaimReviews } from './claimReview.js';
import { renderDossierHtml } from './dossierHtml.js';
import { DossierInputError, throwIfCancelled } from './errors.js';
import { type BlobSource, type PreparedFiles, prepareEvidenceFiles } from './evidenceFiles.js';
import type { ImageReEncoder } from './images.js';
import { type PdfRenderer, readDestinationPages } from './pdfPages.js';
import type { ProgressListener } from './progress.js';
import type { LoadedFont } from './shippedFonts.js';
import { toTimelineJs } from './timelineJs.js';

export const DOSSIER_FORMATS = ['pdf', 'html', 'json', 'bundle', 'timeline', 'claimreview'] as const;
export type DossierFormat = (typeof DOSSIER_FORMATS)[number];

export function isDossierFormat(value: unknown): value is DossierFormat {
  return (DOSSIER_FORMATS as readonly unknown[]).includes(value);
}

/** What an export needs from the shell it runs in: evidence bytes, an image encoder, fonts, a printer. */
export interface DossierEnvironment {
  blobs: BlobSource;
  reEncodeImage: ImageReEncoder;
  fonts: readonly LoadedFont[];
  /** Needed for 'pdf' and 'bundle'. */
  renderPdf?: PdfRenderer;
}

export interface ExportOptions {
  /** Bundle only: put the original images into the bundle unaltered, metadata and all. Off by default. */
  includeOriginals?: boolean;
  /** Cancels the export between steps; the promise then rejects with ExportCancelledError. */
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  claimReview?: ClaimReviewOptions;
  /**
   * Bundle only: the sync server's custody record of the case, carried as custody-log.json with its
   * entry count and last hash in the manifest. Absent: the manifest says `custody: null`.
   */
  custody?: CustodyRecord;
  /**
   * PDF and bundle: print a tagged PDF (a structure tree for screen readers and reflow, and
   * bookmarks from the headings). On by default; off, the PDF prints in about half the time.
   */
  tagged?: boolean;
  /**
   * PDF and bundle: the page of each entry in the contents, found by a draft print before the
   * real one (a draft lays out every page but paints almost nothing). On by default; off, the
   * dossier is printed once and its contents entries link to their pages without numbering them.
   */
  contentsPageNumbers?: boolean;
}

export interface ExportedDossier {
  bytes: Uint8Array;
  mime: string;
  /** A file name to suggest, e.g. `nato-peacekeeping-centre-in-astana.pdf`. */
  fileName: string;
  /** Bundles only: the manifest and its SHA-256, to announce beside the published bundle. */
  bundle?: Omit<Bundle, 'zip'>;
}

const FORMAT_FILES: Record<DossierFormat, { mime: string; extension: string }> = {
  pdf: { mime: 'application/pdf', extension: '.pdf' },
  html: { mime: 'text/html; charset=utf-8', extension: '.html' },
  json: { mime: 'application/json', extension: '.json' },
  bundle: { mime: 'application/zip', extension: '.zip' },
  timeline: { mime: 'application/json', extension: '.timeline.json' },
  claimreview: { mime: 'application/ld+json', extension: '.claimreview.jsonld' },
};

const encoder = new TextEncoder();

/** The case JSON (format v1) with its ClaimReviews, as `--format json` and a bundle's case.json hold it. */
export function caseJsonText(dossier: DossierCase, options: ClaimReviewOptions = {}): string {
  const json: CaseJson = { ...dossier, format: CASE_JSON_FORMAT, claimReviews: toClaimReviews(dossier, options) };
  return `${JSON.stringify(json, null, 2)}\n`;
}

export function claimReviewText(dossier: DossierCase, options: ClaimReviewOptions = {}): string {
  return `${JSON.stringify(toClaimReviews(dossier, options), null, 2)}\n`;
}

export function timelineText(dossier: DossierCase): string {
  return `${JSON.stringify(toTimelineJs(dossier), null, 2)}\n`;
}

/** A file name from the case title: letters and digits of any script, joined by hyphens. */
export function dossierFileName(dossier: DossierCase, format: DossierFormat): string {
  const stem =
    dossier.case.title
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'casefile-dossier';
  return `${stem}${FORMAT_FILES[format].extension}`;
}

/**
 * Prints the dossier. With contents page numbers (the default): first a draft, the same layout with
 * nothing visible but the contents' link targets, printed untagged, to find the page of each
 * contents entry (from the PDF's named destinations); then the dossier with those page numbers in
 * the contents. The entries keep their size, so both prints lay out the same pages. Without them:
 * one print.
 */
export async function renderDossierPdf(
  dossier: DossierCase,
  files: PreparedFiles,
  fonts: readonly LoadedFont[],
  renderPdf: PdfRenderer,
  options: Pick<ExportOptions, 'signal' | 'onProgress' | 'tagged' | 'contentsPageNumbers'> = {},
): Promise<{ pdf: Uint8Array; html: string }> {
  const { signal, onProgress } = options;
  const tagged = options.tagged ?? true;
  const html = renderDossierHtml(dossier, { fonts, files });
  throwIfCancelled(signal);
  if (options.contentsPageNumbers === false) {
    onProgress?.({ phase: 'pdf', done: 0, total: 1 });
    const pdf = await renderPdf(html, signal, { tagged, draft: false });
    throwIfCancelled(signal);
    onProgress?.({ phase: 'pdf', done: 1, total: 1 });
    return { pdf, html };
  }
  onProgress?.({ phase: 'pdf', done: 0, total: 2 });
  const draft = await renderPdf(renderDossierHtml(dossier, { fonts, files, draft: true }), signal, {
    tagged: false,
    draft: true,
  });
  throwIfCancelled(signal);
  onProgress?.({ phase: 'pdf', done: 1, total: 2 });
  const tocPages = readDestinationPages(draft);
  const final = tocPages.size === 0 ? html : renderDossierHtml(dossier, { fonts, files, tocPages });
  const pdf = await renderPdf(final, signal, { tagged, draft: false });
  throwIfCancelled(signal);
  onProgress?.({ phase: 'pdf', done: 2, total: 2 });
  return { pdf, html };
}

/**
 * Exports a dossier case to one format. HTML, PDF and bundle read every evidence file through
 * `environment.blobs`, check it against its SHA-256 and re-encode images without metadata; JSON,
 * TimelineJS and ClaimReview need no evidence bytes. Reports progress and stops, rejecting with
 * ExportCancelledError, once `options.signal` fires. Writes no file: the caller stores `bytes`
 * (src/node's writeFileAtomic on the command line).
 */
export async function exportDossier(
  dossier: DossierCase,
  format: DossierFormat,
  environment: DossierEnvironment,
  options: ExportOptions = {},
): Promise<ExportedDossier> {
  if (!isDossierFormat(format)) {
    throw new DossierInputError(`Unknown format ${JSON.stringify(format)}; use one of: ${DOSSIER_FORMATS.join(', ')}.`);
  }
  const { signal, onProgress } = options;
  throwIfCancelled(signal);
  const { mime } = FORMAT_FILES[format];
  const fileName = dossierFileName(dossier, format);
  const text = (value: string): ExportedDossier => ({ bytes: encoder.encode(value), mime, fileName });
  if (format === 'json') return text(caseJsonText(dossier, options.claimReview));
  if (format === 'timeline') return text(timelineText(dossier));
  if (format === 'claimreview') return text(claimReviewText(dossier, options.claimReview));

  const files = await prepareEvidenceFiles(dossier, {
    blobs: environment.blobs,
    reEncodeImage: environment.reEncodeImage,
    ...(signal ? { signal } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
  if (format === 'html') {
    onProgress?.({ phase: 'html', done: 0, total: 1 });
    const html = renderDossierHtml(dossier, { fonts: environment.fonts, files });
    onProgress?.({ phase: 'html', done: 1, total: 1 });
    return text(html);
  }
  const renderPdf = environment.renderPdf;
  if (!renderPdf) {
    throw new DossierInputError('A PDF printer is needed for this format; this Casefile cannot print PDFs here.');
  }
  const { pdf, html } = await renderDossierPdf(dossier, files, environment.fonts, renderPdf, options);
  if (format === 'pdf') return { bytes: pdf, mime, fileName };

  const bundle = await writeBundle(
    dossier,
    files,
    {
      caseJson: caseJsonText(dossier, options.claimReview),
      claimReview: claimReviewText(dossier, options.claimReview),
      timeline: timelineText(dossier),
      activityLog: `${JSON.stringify(dossier.log, null, 2)}\n`,
      html,
      pdf,
    },
    {
      includeOriginals: options.includeOriginals ?? false,
      custody: options.custody ?? null,
      ...(signal ? { signal } : {}),
      ...(onProgress ? { onProgress } : {}),
    },
  );
  return {
    bytes: bundle.zip,
    mime,
    fileName,
    bundle: { manifest: bundle.manifest, manifestSha256: bundle.manifestSha256 },
  };
}

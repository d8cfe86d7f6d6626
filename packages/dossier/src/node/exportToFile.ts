import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DossierCase } from '../common/caseJson.js';
import { DossierInputError } from '../common/errors.js';
import type { BlobSource } from '../common/evidenceFiles.js';
import {
  type DossierFormat,
  type ExportedDossier,
  type ExportOptions,
  exportDossier,
} from '../common/exportDossier.js';
import type { PdfRenderer } from '../common/pdfPages.js';
import { writeFileAtomic } from './atomicFile.js';
import { noBlobs } from './blobDirectory.js';
import { launchChromiumPdfPrinter } from './chromiumPdf.js';
import { reEncodeImageWithSharp } from './sharpImages.js';
import { loadShippedFonts } from './shippedFonts.js';

export interface NodeExportOptions extends ExportOptions {
  /** Evidence bytes; without them every evidence file is listed as not available. */
  blobs?: BlobSource;
  /** A PDF printer to use; without one, 'pdf' and 'bundle' launch the system Chromium for this export. */
  renderPdf?: PdfRenderer;
}

/** Exports in Node: sharp re-encodes images, the shipped fonts come from node_modules, Chromium prints. */
export async function exportDossierInNode(
  dossier: DossierCase,
  format: DossierFormat,
  options: NodeExportOptions = {},
): Promise<ExportedDossier> {
  const { blobs = noBlobs, renderPdf, ...exportOptions } = options;
  const fonts = format === 'html' || format === 'pdf' || format === 'bundle' ? await loadShippedFonts() : [];
  const printer =
    renderPdf === undefined && (format === 'pdf' || format === 'bundle') ? await launchChromiumPdfPrinter() : null;
  try {
    return await exportDossier(
      dossier,
      format,
      { blobs, reEncodeImage: reEncodeImageWithSharp, fonts, renderPdf: renderPdf ?? printer?.renderPdf },
      exportOptions,
    );
  } finally {
    await printer?.close();
  }
}

/**
 * Exports and writes `outPath` atomically: on any error or a cancel, no file is left at `outPath`
 * (an earlier file there stays as it was). The folder must exist.
 */
export async function exportDossierToFile(
  dossier: DossierCase,
  format: DossierFormat,
  outPath: string,
  options: NodeExportOptions = {},
): Promise<ExportedDossier> {
  const folder = dirname(outPath);
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) {
    throw new DossierInputError(`The folder ${folder} does not exist; create it or choose another --out.`);
  }
  const exported = await exportDossierInNode(dossier, format, options);
  await writeFileAtomic(outPath, exported.bytes, options.signal);
  return exported;
}

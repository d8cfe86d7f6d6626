import {
  type BlobSource,
  buildDossier,
  type DossierCase,
  exportDossier,
  type ProgressListener,
} from '@casefile/dossier';
import { reEncodeImageInBrowser } from '@casefile/dossier/browser';
import { type CasefileDatabase, getBlob } from '@casefile/storage';
import type { BlobTransfer } from '@casefile/sync';
import type * as Y from 'yjs';
import type { CasefileBridge, ExportFormat } from '../../../shared/bridge';
import { loadDossierFonts } from './dossierFonts';
import type { FinishedExport } from './serverExport';

/**
 * Evidence bytes for an export on this device: this device's copy (storage re-hashes it on every
 * read and throws IntegrityError on a mismatch), else the sync server's (verified before it is
 * stored). A file that is nowhere to be had is listed in the dossier as unavailable, not guessed.
 */
export function deviceBlobSource(db: CasefileDatabase, blobs: BlobTransfer, caseId: string): BlobSource {
  return async (sha256) => {
    const local = await getBlob(db, sha256);
    const blob = local ?? (blobs.serverUrl === null ? null : await blobs.fetchBlob(caseId, sha256).catch(() => null));
    return blob ? new Uint8Array(await blob.arrayBuffer()) : null;
  };
}

export interface LocalExportRequest {
  dossier: DossierCase;
  format: ExportFormat;
  includeOriginals: boolean;
  signal: AbortSignal;
  onProgress: ProgressListener;
  blobs: BlobSource;
  /** The desktop bridge: prints the PDF with Electron's own Chromium. */
  bridge: Pick<CasefileBridge, 'printDossierPdf'>;
}

/** The dossier of a case as it is in this device's document (every local edit included). */
export function dossierOf(doc: Y.Doc, caseId: string): DossierCase {
  return buildDossier(doc, caseId);
}

/**
 * Exports on this device, as the desktop app does: images re-encoded in the renderer, the shipped
 * fonts from the app's files, the PDF printed by main (`printDossierPdf`).
 */
export async function exportOnThisDevice(request: LocalExportRequest): Promise<FinishedExport> {
  const needsFonts = request.format === 'pdf' || request.format === 'html' || request.format === 'bundle';
  const exported = await exportDossier(
    request.dossier,
    request.format,
    {
      blobs: request.blobs,
      reEncodeImage: reEncodeImageInBrowser,
      fonts: needsFonts ? await loadDossierFonts() : [],
      renderPdf: async (html, signal) => {
        const printing = request.bridge.printDossierPdf({ html }).then(({ pdf }) => pdf);
        // Main's print cannot be stopped halfway; a cancel stops waiting for it, and its result is dropped.
        if (!signal) return printing;
        return new Promise<Uint8Array>((resolve, reject) => {
          const onAbort = () => reject(new DOMException('The export was cancelled.', 'AbortError'));
          if (signal.aborted) onAbort();
          signal.addEventListener('abort', onAbort, { once: true });
          printing.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
        });
      },
    },
    { includeOriginals: request.includeOriginals, signal: request.signal, onProgress: request.onProgress },
  );
  return {
    bytes: exported.bytes,
    mime: exported.mime,
    fileName: exported.fileName,
    manifestSha256: exported.bundle?.manifestSha256 ?? null,
  };
}

import type { DossierCase, DossierEvidenceFile } from './caseJson.js';
import { DossierIntegrityError, throwIfCancelled } from './errors.js';
import { type ImageReEncoder, isReEncodedImage } from './images.js';
import type { ProgressListener } from './progress.js';
import { sha256Hex } from './sha256.js';

/**
 * Where an export reads evidence bytes: the sync server's blob files, the app's IndexedDB, a
 * folder beside a case JSON. Resolves null when the bytes are not there.
 */
export type BlobSource = (sha256: string, signal?: AbortSignal) => Promise<Uint8Array | null>;

/** An image re-encoded without metadata, named by its own SHA-256. */
export interface DerivedImage {
  bytes: Uint8Array;
  mime: 'image/jpeg' | 'image/png';
  sha256: string;
  size: number;
  width: number;
  height: number;
}

/** One evidence file, ready for the renderers and the bundle. */
export interface PreparedFile {
  file: DossierEvidenceFile;
  /** The original bytes, checked against the SHA-256 taken at capture; null when the exporter does not have them. */
  original: Uint8Array | null;
  /** For images: the re-encoded, metadata-free copy that HTML, PDF and (by default) the bundle carry. */
  derived: DerivedImage | null;
  /** Why an image could not be re-encoded (it is then shown nowhere); null otherwise. */
  imageProblem: string | null;
}

export type PreparedFiles = ReadonlyMap<string, PreparedFile>;

export interface PrepareOptions {
  blobs: BlobSource;
  reEncodeImage: ImageReEncoder;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

/** Every file of the dossier's evidence, once per SHA-256, in the order the evidence lists them. */
export function evidenceFilesOf(dossier: DossierCase): DossierEvidenceFile[] {
  const files = new Map<string, DossierEvidenceFile>();
  for (const item of dossier.evidence)
    for (const file of item.files) if (!files.has(file.sha256)) files.set(file.sha256, file);
  return [...files.values()];
}

/**
 * Reads every evidence file, checks its bytes against its SHA-256 (evidence is checked whenever it
 * is exported) and re-encodes each image without metadata. Bytes that no longer match stop the
 * export with DossierIntegrityError: a dossier must never carry altered evidence under its hash.
 */
export async function prepareEvidenceFiles(dossier: DossierCase, options: PrepareOptions): Promise<PreparedFiles> {
  const { blobs, reEncodeImage, signal, onProgress } = options;
  const files = evidenceFilesOf(dossier);
  const prepared = new Map<string, PreparedFile>();
  for (const [index, file] of files.entries()) {
    throwIfCancelled(signal);
    const bytes = await blobs(file.sha256, signal);
    if (bytes !== null) {
      const actual = await sha256Hex(bytes);
      if (actual !== file.sha256) {
        throw new DossierIntegrityError(
          `The stored bytes of "${file.name || file.sha256}" no longer match the SHA-256 taken at capture (${file.sha256}; the bytes hash to ${actual}). The export was stopped; re-capture the evidence or restore the original file.`,
        );
      }
    }
    prepared.set(file.sha256, { file, original: bytes, derived: null, imageProblem: null });
    onProgress?.({ phase: 'evidence', done: index + 1, total: files.length });
  }
  const images = [...prepared.values()].filter((entry) => entry.original !== null && isReEncodedImage(entry.file.mime));
  for (const [index, entry] of images.entries()) {
    throwIfCancelled(signal);
    try {
      const image = await reEncodeImage(entry.original as Uint8Array, entry.file.mime, signal);
      entry.derived = { ...image, sha256: await sha256Hex(image.bytes), size: image.bytes.length };
    } catch (error) {
      throwIfCancelled(signal);
      entry.imageProblem = `The image could not be decoded (${(error as Error).message}), so it is not shown.`;
    }
    onProgress?.({ phase: 'images', done: index + 1, total: images.length });
  }
  return prepared;
}

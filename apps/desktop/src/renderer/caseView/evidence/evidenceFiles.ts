import { type EvidenceFile, quoteFile } from '@casefile/model';
import { type CasefileDatabase, getBlob, putBlob } from '@casefile/storage';
import type { BlobProgress, BlobTransfer } from '@casefile/sync';

export type { BlobProgress };

/** The file is neither on this device nor to be fetched now (no server, or too large for a thumbnail). */
export class NotOnDeviceError extends Error {
  override name = 'NotOnDeviceError';
}

export interface ReadEvidenceFileOptions {
  db: CasefileDatabase;
  /** Downloads from the sync server it is set to (none: nothing can be fetched). */
  blobs: BlobTransfer;
  caseId: string;
  file: EvidenceFile;
  /** A quote's text: its bytes are the quote's file, so a missing copy can be made again from it. */
  quote?: string;
  /** Fetch from the sync server when the file is not here (false: throw NotOnDeviceError). */
  fetch: boolean;
  /**
   * Skip this device's copy and download the original again (after an integrity warning): the
   * download is verified and replaces the damaged copy.
   */
  repair?: boolean;
  onProgress?: (progress: BlobProgress) => void;
}

/**
 * The bytes of an evidence file, verified: from this device (storage checks the hash on every
 * read and throws IntegrityError on a mismatch), or else from the sync server (checked again
 * before it is stored or returned). A quote whose copy is missing is rebuilt from its text when that text
 * still hashes to the recorded SHA-256 (demo cases and cases written before blobs travelled).
 */
export async function readEvidenceFile(options: ReadEvidenceFileOptions): Promise<Blob> {
  const { db, blobs, caseId, file } = options;
  if (options.repair) return blobs.fetchBlob(caseId, file.sha256, options.onProgress, file.mime);
  const local = await getBlob(db, file.sha256);
  if (local) return local;
  if (options.quote !== undefined && options.quote !== '') {
    const rebuilt = quoteFile(options.quote, file.name);
    if (rebuilt.file.sha256 === file.sha256) {
      const bytes = new Blob([new Uint8Array(rebuilt.bytes)], { type: file.mime });
      await putBlob(db, caseId, bytes, file.mime);
      return bytes;
    }
  }
  if (!options.fetch) throw new NotOnDeviceError(`${file.name || 'This file'} is not on this device yet.`);
  if (blobs.serverUrl === null) {
    throw new NotOnDeviceError(
      `${file.name || 'This file'} is not on this device, and no sync server is set to fetch it from. Set the team’s server in Settings, or ask the colleague who captured it to share the case.`,
    );
  }
  // Verified against the SHA-256 before it is stored or returned.
  return blobs.fetchBlob(caseId, file.sha256, options.onProgress, file.mime);
}

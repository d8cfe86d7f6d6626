import { isCaseId, ValidationError } from '@casefile/model';
import { liveQuery } from 'dexie';
import type { BlobRow, CasefileDatabase } from './database.js';
import { IntegrityError, QuotaError, readFailure, writeFailure } from './errors.js';
import { isSha256, sha256Hex } from './hashing.js';
import { listOutbox, markUploaded, type OutboxEntry } from './outbox.js';
import { SaveCancelledError, saveRetriesOf } from './saveRetries.js';

/** What a stored blob is, as evidence records it. */
export interface StoredBlob {
  sha256: string;
  size: number;
  mime: string;
}

export interface PutBlobOptions {
  /**
   * The bytes came from the sync server (a download): store them as 'uploaded' and queue nothing.
   * Default false: new bytes from this device, queued for upload for `caseId`.
   */
  uploaded?: boolean;
}

const DEFAULT_MIME = 'application/octet-stream';

function checkSha256(sha256: unknown): asserts sha256 is string {
  if (!isSha256(sha256)) {
    throw new ValidationError(
      `Not a SHA-256: ${JSON.stringify(sha256)}. A file's SHA-256 is 64 lowercase hexadecimal digits.`,
    );
  }
}

/**
 * Stores evidence bytes by their SHA-256 and, unless they came from the server, queues their
 * upload for `caseId` — both in one transaction, so bytes are never stored without their upload
 * queued. Bytes already stored are written again (identical by their hash; this also repairs a
 * damaged copy). An upload already queued for the same case and hash is not queued twice. An empty
 * `mime` (a dropped file of unknown type) is stored as application/octet-stream.
 */
export async function putBlob(
  db: CasefileDatabase,
  caseId: string,
  bytes: Blob,
  mime: string,
  options: PutBlobOptions = {},
): Promise<StoredBlob> {
  if (!isCaseId(caseId)) throw new ValidationError(`Not a case id: ${JSON.stringify(caseId)}.`);
  if (!(bytes instanceof Blob)) throw new ValidationError('A file’s bytes must be given as a Blob (or File).');
  if (typeof mime !== 'string')
    throw new ValidationError(`A file’s type must be a MIME type string, not ${typeof mime}.`);
  const type = mime.trim() === '' ? DEFAULT_MIME : mime.trim();
  let sha256: string;
  try {
    // Hashed before the transaction: an IndexedDB transaction closes while it waits on anything else.
    sha256 = await sha256Hex(bytes);
  } catch (error) {
    throw readFailure(error, 'The file');
  }
  const stored = bytes.type === type ? bytes : bytes.slice(0, bytes.size, type);
  const now = new Date().toISOString();
  try {
    await db.transaction('rw', db.blobs, db.outbox, async () => {
      const existing = await db.blobs.get(sha256);
      const row: BlobRow = {
        sha256,
        blob: stored,
        mime: existing?.mime ?? type,
        size: bytes.size,
        state: options.uploaded || existing?.state === 'uploaded' ? 'uploaded' : 'local',
        addedAt: existing?.addedAt ?? now,
      };
      await db.blobs.put(row);
      if (options.uploaded) return;
      const queued = await db.outbox.where('[caseId+sha256]').equals([caseId, sha256]).count();
      if (queued === 0) await db.outbox.add({ caseId, sha256, queuedAt: now });
    });
  } catch (error) {
    throw writeFailure(error, 'The file');
  }
  return { sha256, size: bytes.size, mime: type };
}

export interface PutBlobRetryingOptions extends PutBlobOptions {
  /** What waits while there is no space, as the app lists it: "The file clip.mp4 (12 MB)". */
  what: string;
  /** Called once if the first attempt finds no space: the bytes are then kept in memory and retried. */
  onWaiting?: (error: QuotaError) => void;
  /** Gives up waiting: the promise rejects with SaveCancelledError and the bytes are let go. */
  signal?: AbortSignal;
}

/**
 * Bytes up to this size are copied into memory while they wait for space: a picked file is only a
 * reference to a file on disk, which may change or go away (a removed USB stick) before space is
 * freed. Larger ones stay references rather than exhaust the memory.
 */
const KEEP_IN_MEMORY_LIMIT = 256 * 1024 * 1024;

let waitingBlobs = 0;

/**
 * `putBlob`, except that a full disk does not fail it: the bytes are kept and stored again with a
 * growing delay (listed meanwhile by `watchPendingSaves`) until there is space; the promise
 * resolves then. Any other failure rejects at once, as `putBlob` does.
 */
export async function putBlobRetrying(
  db: CasefileDatabase,
  caseId: string,
  bytes: Blob,
  mime: string,
  options: PutBlobRetryingOptions,
): Promise<StoredBlob> {
  const { what, onWaiting, signal, ...putOptions } = options;
  try {
    return await putBlob(db, caseId, bytes, mime, putOptions);
  } catch (error) {
    if (!(error instanceof QuotaError)) throw error;
    onWaiting?.(error);
    const key = `blob/${++waitingBlobs}`;
    const retries = saveRetriesOf(db);
    let kept = bytes;
    const result: { stored?: StoredBlob } = {};
    const attempt = async () => {
      result.stored = await putBlob(db, caseId, kept, mime, putOptions);
    };
    const saved = retries.keepTrying(key, what, error, attempt);
    const cancel = () =>
      retries.cancel(key, new SaveCancelledError(`${what} was not saved: you stopped waiting for space.`));
    if (signal?.aborted) cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      if (bytes.size <= KEEP_IN_MEMORY_LIMIT) {
        kept = new Blob([await bytes.arrayBuffer()], { type: bytes.type });
      }
    } catch {
      // Unreadable now: retry with the reference, whose read error will then say what happened.
    }
    try {
      await saved;
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
    if (!result.stored) throw new SaveCancelledError(`${what} was not saved.`);
    return result.stored;
  }
}

/**
 * The bytes stored under `sha256`, or null when this device does not have them. Every read
 * re-hashes the bytes: if they no longer match, throws IntegrityError (the caller shows an
 * integrity warning and can fetch the original from the server again).
 */
export async function getBlob(db: CasefileDatabase, sha256: string): Promise<Blob | null> {
  checkSha256(sha256);
  let row: BlobRow | undefined;
  let actual: string;
  try {
    row = await db.blobs.get(sha256);
    if (!row) return null;
    actual = await sha256Hex(row.blob);
  } catch (error) {
    throw readFailure(error, 'The file');
  }
  if (actual !== sha256) throw new IntegrityError(sha256, actual);
  return row.blob.type === row.mime ? row.blob : row.blob.slice(0, row.blob.size, row.mime);
}

/** Whether this device has bytes stored under `sha256` (without reading or checking them). */
export async function hasBlob(db: CasefileDatabase, sha256: string): Promise<boolean> {
  checkSha256(sha256);
  try {
    return (await db.blobs.where('sha256').equals(sha256).count()) > 0;
  } catch (error) {
    throw readFailure(error, 'The file');
  }
}

/** Which of `sha256s` this device has bytes for (without reading or checking them). */
export async function storedBlobHashes(db: CasefileDatabase, sha256s: readonly string[]): Promise<Set<string>> {
  for (const sha256 of sha256s) checkSha256(sha256);
  try {
    return new Set(
      (await db.blobs
        .where('sha256')
        .anyOf([...sha256s])
        .primaryKeys()) as string[],
    );
  } catch (error) {
    throw readFailure(error, 'The list of files on this device');
  }
}

/** The blob functions bound to one database: what @casefile/sync's BlobTransfer works with. */
export interface LocalBlobStore {
  getBlob(sha256: string): Promise<Blob | null>;
  putBlob(caseId: string, bytes: Blob, mime: string, options?: PutBlobOptions): Promise<StoredBlob>;
  hasBlob(sha256: string): Promise<boolean>;
  listOutbox(): Promise<OutboxEntry[]>;
  markUploaded(id: number): Promise<void>;
  /** Calls `listener` whenever the outbox may have changed (in this tab or another). Returns an unsubscribe. */
  watchOutbox(listener: () => void): () => void;
}

export function localBlobStore(db: CasefileDatabase): LocalBlobStore {
  return {
    getBlob: (sha256) => getBlob(db, sha256),
    putBlob: (caseId, bytes, mime, options) => putBlob(db, caseId, bytes, mime, options),
    hasBlob: (sha256) => hasBlob(db, sha256),
    listOutbox: () => listOutbox(db),
    markUploaded: (id) => markUploaded(db, id),
    watchOutbox(listener) {
      const subscription = liveQuery(() => db.outbox.count()).subscribe({
        next: () => listener(),
        // A failed count is not news about the outbox; the next change tries again.
        error: () => {},
      });
      return () => subscription.unsubscribe();
    },
  };
}

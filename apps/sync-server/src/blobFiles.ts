import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** A SHA-256 as the addresses use it: 64 lowercase hexadecimal characters. */
export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

/** The bytes were more than the server accepts; nothing was stored. */
export class BlobTooLargeError extends Error {
  override name = 'BlobTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`The file is larger than this server accepts (at most ${formatBytes(maxBytes)}). Nothing was stored.`);
  }
}

/** The bytes did not hash to the SHA-256 they were sent under; nothing was stored. */
export class BlobMismatchError extends Error {
  override name = 'BlobMismatchError';
  constructor(readonly actual: string) {
    super(
      `The bytes do not match the SHA-256 in the address (got ${actual}). Nothing was stored; upload the original file again.`,
    );
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

const TEMP_DIR = 'tmp';

/**
 * Evidence bytes on disk, stored once by content: `<dataDir>/blobs/<first two hex digits>/<sha256>`.
 * A file appears under its final name only complete, verified and fsynced (it is written to
 * `blobs/tmp` first and renamed), so a crash or an interrupted upload never leaves a partial blob
 * where a reader could find it. Which case may read which blob is the DocumentStore's business.
 */
export class BlobFiles {
  private constructor(readonly root: string) {}

  /** Opens (creating if needed) `<dataDir>/blobs`, and removes temp files a crash left behind. */
  static async open(dataDir: string): Promise<BlobFiles> {
    const root = join(dataDir, 'blobs');
    const files = new BlobFiles(root);
    await rm(files.tempDir, { recursive: true, force: true });
    await mkdir(files.tempDir, { recursive: true });
    return files;
  }

  get tempDir(): string {
    return join(this.root, TEMP_DIR);
  }

  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /**
   * Streams `source` into the store while hashing it. Resolves once the blob is durably in place
   * under `sha256`; throws BlobMismatchError or BlobTooLargeError (or the source's error, e.g. an
   * upload that was cut off), and then nothing is left on disk. Writing a blob that is already
   * there replaces it with identical, just verified bytes.
   */
  async write(
    sha256: string,
    source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    maxBytes: number,
  ): Promise<{ size: number }> {
    if (!isSha256(sha256)) throw new Error(`Not a SHA-256: ${JSON.stringify(sha256)}.`);
    const tempPath = join(this.tempDir, `${sha256}.${randomUUID()}`);
    const file = await open(tempPath, 'wx');
    let closed = false;
    try {
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of source) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new BlobTooLargeError(maxBytes);
        hash.update(chunk);
        for (let offset = 0; offset < chunk.byteLength; ) {
          const { bytesWritten } = await file.write(chunk, offset, chunk.byteLength - offset);
          offset += bytesWritten;
        }
      }
      const actual = hash.digest('hex');
      if (actual !== sha256) throw new BlobMismatchError(actual);
      await file.sync();
      await file.close();
      closed = true;
      const finalPath = this.pathOf(sha256);
      await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
      await rename(tempPath, finalPath);
      await syncDirectory(join(this.root, sha256.slice(0, 2)));
      return { size };
    } catch (error) {
      if (!closed) await file.close().catch(() => {});
      await rm(tempPath, { force: true });
      throw error;
    }
  }

  /** Stores bytes already in memory (the demo case's), verifying them like an upload. */
  writeBytes(sha256: string, bytes: Uint8Array): Promise<{ size: number }> {
    return this.write(sha256, [bytes], Number.POSITIVE_INFINITY);
  }

  /** The blob's size and a stream of its bytes, or null when it is not on disk. */
  async read(sha256: string): Promise<{ size: number; stream: () => ReadStream } | null> {
    if (!isSha256(sha256)) return null;
    const path = this.pathOf(sha256);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (!info?.isFile()) return null;
    return { size: info.size, stream: () => createReadStream(path) };
  }

  /** Every blob on disk (for tests and maintenance): their SHA-256s, sorted. */
  async list(): Promise<string[]> {
    const found: string[] = [];
    for (const dir of await readdir(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of await readdir(join(this.root, dir))) if (isSha256(name)) found.push(name);
    }
    return found.sort();
  }
}

/** Makes a rename inside `dir` durable. Some platforms (Windows) cannot open a directory; there the rename stands alone. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EACCES' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}

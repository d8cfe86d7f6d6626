import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkCaptureSize, exactBytes, MAX_CAPTURE_BYTES } from './webCaptureBytes.js';
import { WebCaptureError } from './webCaptureError.js';

/**
 * Chromium saves MHTML only to a file path (webContents.savePage), so each snapshot goes through a
 * directory of its own, made by mkdtemp (a fresh random name, readable only by this user), and the
 * directory is removed whatever happens: the bytes end up in the case file, never left on disk.
 */
export const CAPTURE_TEMP_PREFIX = 'casefile-capture-';
export const SNAPSHOT_FILE_NAME = 'snapshot.mhtml';

/** The mkdtemp prefix inside `tmpRoot` (the system's temporary directory in the app). */
export function captureTempDirPrefix(tmpRoot: string): string {
  return join(tmpRoot, CAPTURE_TEMP_PREFIX);
}

/** Where the snapshot goes inside the capture's own temporary directory. */
export function snapshotPath(captureDir: string): string {
  return join(captureDir, SNAPSHOT_FILE_NAME);
}

/**
 * Runs `save(path)` with a path in a new private directory, returns the bytes it wrote, and
 * removes the directory in every case (success, a failing save, an empty or oversized file).
 */
export async function saveToTempAndRead(
  tmpRoot: string,
  save: (path: string) => Promise<void>,
  maxBytes = MAX_CAPTURE_BYTES,
): Promise<Uint8Array> {
  const dir = await mkdtemp(captureTempDirPrefix(tmpRoot));
  try {
    const path = snapshotPath(dir);
    await save(path);
    const size = await stat(path).then(
      (info) => info.size,
      () => null,
    );
    if (size === null || size === 0) {
      throw new WebCaptureError('The browser did not write a snapshot of the page. Nothing was captured; try again.');
    }
    checkCaptureSize('page snapshot (MHTML)', size, maxBytes);
    return exactBytes(await readFile(path));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

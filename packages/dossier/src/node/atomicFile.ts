import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { throwIfCancelled } from '../common/errors.js';

/**
 * Writes `bytes` to `path` so that `path` is either untouched or complete: the bytes go to a temp
 * file in the same directory (a rename across file systems is not atomic), are fsynced, and the temp
 * file is renamed over `path`. On an error or a cancel, the temp file is removed and `path` is left
 * as it was.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
  throwIfCancelled(signal);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    handle = await open(temp, 'wx');
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = null;
    throwIfCancelled(signal);
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => {});
    await rm(temp, { force: true });
    throw error;
  }
}

import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The temp file an atomic save writes first: hidden, beside the target, with a random part. */
export function atomicSaveTempPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.casefile-tmp`);
}

/**
 * Writes `bytes` to `target` whole or not at all, as packages/dossier's writeFileAtomic does for
 * the command line (main does not bundle that package): the bytes go to a temp file in the same
 * folder (a rename across file systems would not be atomic), are fsynced, and the temp file is
 * renamed over `target`. On any failure the temp file is removed and `target` is as it was, so
 * an export that fails leaves no half-written dossier for someone to send on.
 */
export async function saveFileAtomically(target: string, bytes: Uint8Array, mode = 0o644): Promise<void> {
  const temp = atomicSaveTempPath(target);
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    handle = await open(temp, 'wx', mode);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = null;
    await rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => {});
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}

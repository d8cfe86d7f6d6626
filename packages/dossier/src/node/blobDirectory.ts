import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobSource } from '../common/evidenceFiles.js';

/**
 * Evidence bytes from a folder of files named by their SHA-256, with or without an extension (an
 * unpacked bundle's `evidence/` folder, for exporting again from its case.json).
 */
export async function blobDirectorySource(dir: string): Promise<BlobSource> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`Cannot read the evidence folder ${dir}: ${error.code ?? error.message}.`);
  });
  const bySha = new Map<string, string>();
  for (const name of names) {
    const sha = /^([0-9a-f]{64})(\.[A-Za-z0-9]+)?$/.exec(name)?.[1];
    if (sha && !bySha.has(sha)) bySha.set(sha, join(dir, name));
  }
  return async (sha256) => {
    const path = bySha.get(sha256);
    return path === undefined ? null : new Uint8Array(await readFile(path));
  };
}

/** A source with no bytes at all: the dossier then lists every evidence file as not available. */
export const noBlobs: BlobSource = async () => null;

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The dossier's HTML reaches the print window as a file: a page loaded from a data: URL must pass
 * through IPC as one URL, which Chromium caps at 2 MB, and a dossier with its fonts and images
 * inline is larger. The file lives in a directory of its own (mkdtemp: random name, this user
 * only) and is removed whatever happens, since it holds the case.
 */
export const PRINT_TEMP_PREFIX = 'casefile-print-';

export async function withDossierHtmlFile<T>(
  tmpRoot: string,
  html: string,
  print: (fileUrl: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpRoot, PRINT_TEMP_PREFIX));
  try {
    const path = join(dir, 'dossier.html');
    await writeFile(path, html, { encoding: 'utf8', mode: 0o600 });
    return await print(pathToFileURL(path).href);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * What the print window may load: the dossier's own file and the data: URLs inside it (fonts,
 * images). Nothing else, so that a dossier can never make the app reach the network or read other
 * files, whatever its HTML says (its CSP says the same; this holds even if the CSP were wrong).
 */
export function isAllowedPrintRequest(url: string, dossierFileUrl: string): boolean {
  return url === dossierFileUrl || url.startsWith('data:');
}

/** A fresh in-memory session per print (no "persist:" prefix): nothing of it outlives the print. */
export function printPartitionName(): string {
  return `casefile-print-${crypto.randomUUID()}`;
}

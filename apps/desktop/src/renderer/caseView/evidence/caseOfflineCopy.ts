import type { Evidence } from '@casefile/model';

/** One file of a case's evidence, as it is fetched for offline use. */
export interface CaseFile {
  sha256: string;
  name: string;
  mime: string;
  size: number;
  /** A quote's text: its file can be made again from it without the server. */
  quote?: string;
}

export interface OfflineCopyProgress {
  /** Files of the case on this device so far. */
  onDevice: number;
  total: number;
}

export interface OfflineCopyFailure {
  sha256: string;
  name: string;
  message: string;
}

export interface OfflineCopyResult {
  total: number;
  onDevice: number;
  /** Files that could not be fetched, each with what went wrong. */
  failures: OfflineCopyFailure[];
  /** Why nothing was fetched at all (offline, no server), when that is so. */
  blocked: string | null;
  cancelled: boolean;
}

export interface OfflineCopyOptions {
  files: readonly CaseFile[];
  /** Which of these hashes this device already holds. */
  storedHashes(sha256s: string[]): Promise<Set<string>>;
  /** Fetches (and stores, verified) one file that is not here. */
  fetchFile(file: CaseFile): Promise<void>;
  /** Why files cannot be fetched now (offline, no server), or null when they can. */
  fetchBlocked(): string | null;
  describeFailure(error: unknown, file: CaseFile): string;
  onProgress(progress: OfflineCopyProgress): void;
  signal: AbortSignal;
  /** Downloads at a time. */
  concurrency?: number;
}

/**
 * The files of a case's evidence that are not deleted, each once (two items may hold the same
 * bytes). A deleted item's file is fetched when it is restored and opened.
 */
export function filesOfCase(items: readonly Evidence[]): CaseFile[] {
  const files = new Map<string, CaseFile>();
  for (const item of items) {
    if (item.deleted) continue;
    for (const file of item.files) {
      if (files.has(file.sha256)) continue;
      files.set(file.sha256, {
        sha256: file.sha256,
        name: file.name || 'unnamed file',
        mime: file.mime,
        size: file.size,
        ...(item.kind === 'quote' && item.quote !== '' ? { quote: item.quote } : {}),
      });
    }
  }
  return [...files.values()];
}

/** Resolves when `signal` aborts (never otherwise). */
function whenAborted(signal: AbortSignal): Promise<'aborted'> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
}

/**
 * Brings every file of a case onto this device: counts those already here, then fetches the
 * others a few at a time, reporting progress per file and collecting each failure with its
 * reason (one failure does not stop the rest). Cancelling stops at once; a download already
 * running may still finish and be stored, which does no harm.
 */
export async function copyCaseFilesToDevice(options: OfflineCopyOptions): Promise<OfflineCopyResult> {
  const { files, signal } = options;
  const total = files.length;
  const stored = await options.storedHashes(files.map((file) => file.sha256));
  let onDevice = files.filter((file) => stored.has(file.sha256)).length;
  const missing = files.filter((file) => !stored.has(file.sha256));
  const failures: OfflineCopyFailure[] = [];
  options.onProgress({ onDevice, total });
  const result = (cancelled: boolean, blocked: string | null = null): OfflineCopyResult => ({
    total,
    onDevice,
    failures,
    blocked,
    cancelled,
  });
  if (missing.length === 0) return result(false);
  // Quotes are made again from their text, which needs no server.
  const blocked = missing.some((file) => file.quote === undefined) ? options.fetchBlocked() : null;
  const fetchable = blocked ? missing.filter((file) => file.quote !== undefined) : missing;

  const aborted = whenAborted(signal);
  let next = 0;
  const worker = async () => {
    while (!signal.aborted) {
      const file = fetchable[next++];
      if (!file) return;
      try {
        const outcome = await Promise.race([options.fetchFile(file).then(() => 'done' as const), aborted]);
        if (outcome === 'aborted') return;
        onDevice++;
        options.onProgress({ onDevice, total });
      } catch (error) {
        if (signal.aborted) return;
        failures.push({ sha256: file.sha256, name: file.name, message: options.describeFailure(error, file) });
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 2, fetchable.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return result(signal.aborted, blocked);
}

function files(count: number): string {
  return count === 1 ? '1 file' : `${count} files`;
}

/** The sentence that sums a run up, e.g. "All 12 files of this case are on this device." */
export function describeOfflineCopy(result: OfflineCopyResult): string {
  const { total, onDevice } = result;
  if (total === 0) return 'This case has no files yet: everything in it is already on this device.';
  const all =
    total === 1 ? 'The 1 file of this case is on this device.' : `All ${total} files of this case are on this device.`;
  const here = onDevice === total ? all : null;
  if (result.cancelled) {
    return `Stopped. ${here ?? `${onDevice} of ${files(total)} of this case are on this device.`}`;
  }
  if (here) return here;
  const missing = total - onDevice;
  const summary = `${onDevice} of ${files(total)} of this case are on this device; ${files(missing)} ${missing === 1 ? 'is' : 'are'} not.`;
  return result.blocked ? `${summary} ${result.blocked}` : summary;
}

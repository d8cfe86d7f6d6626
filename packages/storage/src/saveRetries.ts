import type { CasefileDatabase } from './database.js';
import { StorageError, writeFailure } from './errors.js';

/** A save that failed (mostly: the disk is full) and that Casefile keeps trying again. */
export interface PendingSave {
  /** What waits, as a sentence would start: "Changes to the case “Astana”", "The file clip.mp4 (12 MB)". */
  readonly what: string;
  /** Why the last attempt failed: a QuotaError or StorageError whose message says what to do. */
  readonly error: Error;
}

export interface RetryDelay {
  initialMs: number;
  maxMs: number;
}

/**
 * First retry after 1 s, doubling up to 30 s. A write refused for lack of space costs little
 * (the browser checks the quota before it writes), and someone who freed space should not wait
 * long; `retryPendingSavesNow` skips the wait.
 */
export const SAVE_RETRY_DELAY: RetryDelay = { initialMs: 1000, maxMs: 30_000 };

/** A retried save was given up by its owner (a file the person chose not to keep waiting). */
export class SaveCancelledError extends StorageError {
  override name = 'SaveCancelledError';
}

interface Entry {
  what: string;
  error: Error;
  attempt: () => Promise<void>;
  delayMs: number;
  timer: ReturnType<typeof setTimeout> | null;
  running: boolean;
  /** It failed again while an attempt was running, which may not cover that failure: go once more. */
  again: boolean;
  saved: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

type Listener = (pending: readonly PendingSave[]) => void;

/**
 * The saves of one database that are waiting to be tried again. Each keeps its data in memory
 * (a document's changes, a file's bytes) and retries with a growing delay until a write succeeds.
 */
export class SaveRetries {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<Listener>();
  private pending: readonly PendingSave[] = [];

  constructor(
    private readonly delay: RetryDelay,
    /** A closed database takes no more writes: what still waits then is given up. */
    private readonly isClosed: () => boolean = () => false,
  ) {}

  /**
   * Tries `attempt` again later, then again, until it resolves; the returned promise resolves
   * then. A `key` already waiting takes the newer attempt and error (and resolves the same promise).
   */
  keepTrying(key: string, what: string, error: unknown, attempt: () => Promise<void>): Promise<void> {
    const existing = this.entries.get(key);
    if (existing) {
      existing.what = what;
      existing.error = writeFailure(error, what);
      existing.attempt = attempt;
      if (existing.running) existing.again = true;
      this.publish();
      return existing.saved;
    }
    let resolve: () => void = () => {};
    let reject: (error: Error) => void = () => {};
    const saved = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Owners that only watch the list (document saves) never await this.
    saved.catch(() => {});
    const entry: Entry = {
      what,
      error: writeFailure(error, what),
      attempt,
      delayMs: this.delay.initialMs,
      timer: null,
      running: false,
      again: false,
      saved,
      resolve,
      reject,
    };
    this.entries.set(key, entry);
    this.schedule(key, entry);
    this.publish();
    return saved;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Stops retrying `key`; its promise rejects with `reason`. */
  cancel(key: string, reason: Error): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.timer !== null) clearTimeout(entry.timer);
    this.entries.delete(key);
    entry.reject(reason);
    this.publish();
  }

  /** Tries every waiting save at once (space was freed, the window came back into focus). */
  retryNow(): void {
    for (const [key, entry] of this.entries) {
      if (entry.timer !== null) clearTimeout(entry.timer);
      entry.timer = null;
      entry.delayMs = this.delay.initialMs;
      if (entry.running) entry.again = true;
      else void this.run(key, entry);
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.pending);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private schedule(key: string, entry: Entry, delayMs = entry.delayMs): void {
    if (entry.timer !== null) return;
    entry.delayMs = Math.min(entry.delayMs * 2, this.delay.maxMs);
    entry.timer = setTimeout(() => {
      entry.timer = null;
      if (this.isClosed())
        this.cancel(key, new StorageError(`${entry.what} could not be saved: Casefile closed its database.`));
      else void this.run(key, entry);
    }, delayMs);
  }

  private async run(key: string, entry: Entry): Promise<void> {
    if (entry.running || this.entries.get(key) !== entry) return;
    entry.running = true;
    entry.again = false;
    let failure: { error: unknown } | null = null;
    try {
      await entry.attempt();
    } catch (error) {
      failure = { error };
    }
    entry.running = false;
    if (this.entries.get(key) !== entry) return; // cancelled meanwhile
    if (failure) {
      entry.error = writeFailure(failure.error, entry.what);
      this.publish();
      this.schedule(key, entry);
    } else if (entry.again) {
      this.schedule(key, entry, 0);
    } else {
      this.entries.delete(key);
      entry.resolve();
      this.publish();
    }
  }

  private publish(): void {
    this.pending = [...this.entries.values()].map(({ what, error }) => ({ what, error }));
    for (const listener of [...this.listeners]) listener(this.pending);
  }
}

const registries = new WeakMap<CasefileDatabase, SaveRetries>();

export function saveRetriesOf(db: CasefileDatabase): SaveRetries {
  let retries = registries.get(db);
  if (!retries) {
    retries = new SaveRetries(SAVE_RETRY_DELAY, () => !db.isOpen());
    registries.set(db, retries);
  }
  return retries;
}

/**
 * Calls `listener` now and whenever the saves waiting to be retried change (empty: everything is
 * stored). Returns an unsubscribe.
 */
export function watchPendingSaves(
  db: CasefileDatabase,
  listener: (pending: readonly PendingSave[]) => void,
): () => void {
  return saveRetriesOf(db).subscribe(listener);
}

/** Tries every waiting save now instead of at its next turn. */
export function retryPendingSavesNow(db: CasefileDatabase): void {
  saveRetriesOf(db).retryNow();
}

/** One use of a cached object URL; `release` when the image showing it goes away. */
export interface UrlLease {
  readonly url: Promise<string>;
  release(): void;
}

interface Entry {
  refs: number;
  url: Promise<string>;
  settled: string | null;
  started: boolean;
  failed: boolean;
}

export interface VerifiedUrlCacheOptions {
  /** Reads at once: hashing a screenful of large images together would freeze scrolling. */
  concurrency: number;
  /** Object URLs kept after their last image went away, so that scrolling back does not re-hash. */
  keepUnused: number;
  createUrl?: (blob: Blob) => string;
  revokeUrl?: (url: string) => void;
}

/** The reason a lease's read was dropped: every image that wanted it went away before it began. */
export class ReadCancelledError extends Error {
  override name = 'ReadCancelledError';
  constructor() {
    super('Nobody is waiting for this file any more.');
  }
}

/**
 * Object URLs of verified blobs for thumbnails, by SHA-256. Only rows on screen ask (the list is
 * virtualised), reads run a few at a time, a read nobody waits for any more is skipped, and a
 * failed read is never cached: the next request verifies again.
 */
export class VerifiedUrlCache {
  private readonly entries = new Map<string, Entry>();
  /** Unused entries, oldest first. */
  private readonly unused: string[] = [];
  private readonly queue: Array<() => void> = [];
  private running = 0;
  private closed = false;
  private readonly createUrl: (blob: Blob) => string;
  private readonly revokeUrl: (url: string) => void;

  constructor(private readonly options: VerifiedUrlCacheOptions = { concurrency: 3, keepUnused: 60 }) {
    this.createUrl = options.createUrl ?? ((blob) => URL.createObjectURL(blob));
    this.revokeUrl = options.revokeUrl ?? ((url) => URL.revokeObjectURL(url));
  }

  /**
   * A lease on the object URL of `key`'s bytes. `load` reads and verifies them (throwing
   * IntegrityError, NotOnDeviceError… to refuse); it runs only when no URL is cached or on its way.
   */
  acquire(key: string, load: () => Promise<Blob>): UrlLease {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = this.createEntry(key, load);
      this.entries.set(key, entry);
    }
    const held = entry;
    held.refs++;
    this.removeUnused(key);
    // Only now, with the lease counted: a read nobody holds is skipped.
    this.next();
    let released = false;
    return {
      url: held.url,
      release: () => {
        if (released) return;
        released = true;
        held.refs--;
        if (held.refs > 0 || this.entries.get(key) !== held) return;
        if (held.settled === null) {
          // Not read (yet): a queued read is skipped; a running one is dropped when it ends.
          if (!held.started || held.failed) this.entries.delete(key);
          return;
        }
        this.unused.push(key);
        this.trim();
      },
    };
  }

  /** Revokes every URL; leases still held keep working no more. */
  close(): void {
    this.closed = true;
    for (const entry of this.entries.values()) if (entry.settled) this.revokeUrl(entry.settled);
    this.entries.clear();
    this.unused.length = 0;
    this.queue.length = 0;
  }

  private createEntry(key: string, load: () => Promise<Blob>): Entry {
    const entry: Entry = { refs: 0, url: Promise.resolve(''), settled: null, started: false, failed: false };
    entry.url = new Promise<string>((resolve, reject) => {
      this.queue.push(() => {
        if (this.closed || entry.refs === 0) {
          reject(new ReadCancelledError());
          return;
        }
        entry.started = true;
        this.running++;
        Promise.resolve()
          .then(load)
          .then(
            (blob) => {
              if (this.closed || this.entries.get(key) !== entry) {
                reject(new ReadCancelledError());
                return;
              }
              entry.settled = this.createUrl(blob);
              resolve(entry.settled);
              if (entry.refs === 0) {
                this.unused.push(key);
                this.trim();
              }
            },
            (error: unknown) => {
              entry.failed = true;
              if (this.entries.get(key) === entry) this.entries.delete(key);
              reject(error);
            },
          )
          .finally(() => {
            this.running--;
            this.next();
          });
      });
    });
    // Nobody may be listening when a skipped read rejects.
    entry.url.catch(() => {});
    return entry;
  }

  private next(): void {
    while (this.running < this.options.concurrency && this.queue.length > 0) {
      const start = this.queue.shift();
      start?.();
    }
  }

  private removeUnused(key: string): void {
    const index = this.unused.indexOf(key);
    if (index >= 0) this.unused.splice(index, 1);
  }

  private trim(): void {
    while (this.unused.length > this.options.keepUnused) {
      const key = this.unused.shift();
      if (key === undefined) break;
      const entry = this.entries.get(key);
      if (!entry || entry.refs > 0) continue;
      this.entries.delete(key);
      if (entry.settled) this.revokeUrl(entry.settled);
    }
  }
}

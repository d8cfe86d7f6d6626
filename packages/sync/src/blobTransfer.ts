import { isCaseId, ValidationError } from '@casefile/model';
import { type CasefileDatabase, IntegrityError, isSha256, localBlobStore, sha256Hex } from '@casefile/storage';
import { type Observable, ObservableValue } from './observableValue.js';
import { browserOnlineSource, type OnlineSource } from './onlineSource.js';
import { normalizeServerUrl } from './serverUrl.js';
import { SyncError } from './shareCases.js';

/**
 * What the transfer needs of the local blob store. @casefile/storage's `localBlobStore(db)`
 * is one (IndexedDB); tests in Node, which has no IndexedDB, use one in memory.
 */
export interface BlobStoreLike {
  /** Verified bytes, or null when absent; throws IntegrityError when the stored bytes changed. */
  getBlob(sha256: string): Promise<Blob | null>;
  /** Stores bytes by their hash; `{ uploaded: true }`: they came from the server, queue nothing. */
  putBlob(
    caseId: string,
    bytes: Blob,
    mime: string,
    options?: { uploaded?: boolean },
  ): Promise<{ sha256: string; size: number; mime: string }>;
  /** Queued uploads, oldest first. */
  listOutbox(): Promise<Array<{ id: number; caseId: string; sha256: string }>>;
  /** Removes a queued upload and marks its blob uploaded. */
  markUploaded(id: number): Promise<void>;
  /** Optional: calls `listener` when the outbox may have changed. Returns an unsubscribe. */
  watchOutbox?(listener: () => void): () => void;
}

export interface BlobUploadFailure {
  caseId: string;
  sha256: string;
  /** What went wrong, for the user (the server's words when it refused). */
  message: string;
}

export interface BlobTransferStatus {
  /** Uploads queued on this device and not yet on the server (failed ones included). */
  waiting: number;
  /**
   * Uploads that cannot succeed by retrying (the server refused them, or the local copy is
   * damaged). They stay queued, but are tried again only on `uploadNow()` or a new BlobTransfer.
   */
  failed: BlobUploadFailure[];
}

export interface BlobProgress {
  received: number;
  /** From Content-Length; null when the server did not say. */
  total: number | null;
}

export interface BlobTransferOptions {
  /** The local database, or any other BlobStoreLike. */
  db: CasefileDatabase | BlobStoreLike;
  /** http(s)://host:port of the sync server, or null to keep everything local for now. */
  serverUrl: string | null;
  /** Default: navigator.onLine and the window's online/offline events. */
  onlineSource?: OnlineSource;
  /** Delay before retrying after a failed upload: doubles from `initialMs` up to `maxMs`. Default 1 s to 60 s. */
  retryDelay?: { initialMs: number; maxMs: number };
  /**
   * Extra headers for each request about case `caseId` (null: not about one case):
   * `Authorization: Bearer <token>` for the token that covers it.
   */
  headers?: (caseId: string | null) => Record<string, string> | Promise<Record<string, string>>;
}

type UploadOutcome = { kind: 'done' } | { kind: 'retry'; message: string } | { kind: 'refused'; message: string };

interface Download {
  promise: Promise<Blob>;
  listeners: Set<(progress: BlobProgress) => void>;
  last: BlobProgress | null;
}

function isBlobStoreLike(db: CasefileDatabase | BlobStoreLike): db is BlobStoreLike {
  return typeof (db as Partial<BlobStoreLike>).listOutbox === 'function';
}

function sameCounts(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([key, count]) => b.get(key) === count);
}

function sameStatus(a: BlobTransferStatus, b: BlobTransferStatus): boolean {
  return (
    a.waiting === b.waiting &&
    a.failed.length === b.failed.length &&
    a.failed.every((failure, i) => {
      const other = b.failed[i];
      return other?.sha256 === failure.sha256 && other.caseId === failure.caseId && other.message === failure.message;
    })
  );
}

/** The `error` of a JSON error answer, or null. */
async function serverMessage(response: Response): Promise<string | null> {
  try {
    const body = (await response.json()) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : null;
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Moves evidence bytes between this device and the sync server. Uploads the outbox (PUT
 * /cases/<caseId>/blobs/<sha256>, oldest first, one at a time) whenever there is a server and a
 * network, retrying failures with a growing delay; downloads bytes on demand with progress,
 * verifies their SHA-256 and stores them locally.
 */
export class BlobTransfer {
  private readonly store: BlobStoreLike;
  private readonly online: OnlineSource;
  private readonly retryDelay: { initialMs: number; maxMs: number };
  private readonly headers: (caseId: string | null) => Record<string, string> | Promise<Record<string, string>>;
  private readonly statusValue = new ObservableValue<BlobTransferStatus>({ waiting: 0, failed: [] }, sameStatus);
  /** `status.waiting` per case id (cases with nothing waiting are absent). */
  private readonly waitingByCase = new ObservableValue<ReadonlyMap<string, number>>(new Map(), sameCounts);
  private readonly downloads = new Map<string, Download>();
  /** Outbox ids that failed for good; skipped until uploadNow(). */
  private readonly refused = new Map<number, BlobUploadFailure>();
  private readonly unsubscribe: Array<() => void> = [];
  private currentServerUrl: string | null;
  private running: Promise<void> | null = null;
  private runAgain = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private nextDelayMs: number;
  /** Aborts requests in flight when going offline, changing server or being destroyed. */
  private inFlight = new AbortController();
  private destroyed = false;

  readonly status: Observable<BlobTransferStatus>;

  constructor(options: BlobTransferOptions) {
    this.store = isBlobStoreLike(options.db) ? options.db : localBlobStore(options.db);
    this.currentServerUrl = options.serverUrl === null ? null : normalizeServerUrl(options.serverUrl);
    this.online = options.onlineSource ?? browserOnlineSource();
    this.retryDelay = options.retryDelay ?? { initialMs: 1000, maxMs: 60_000 };
    this.nextDelayMs = this.retryDelay.initialMs;
    this.headers = options.headers ?? (() => ({}));
    this.status = { get: this.statusValue.get, subscribe: this.statusValue.subscribe };
    this.unsubscribe.push(
      this.online.subscribe((online) => {
        if (online) {
          this.nextDelayMs = this.retryDelay.initialMs;
          this.kick();
        } else this.abortInFlight();
      }),
    );
    if (this.store.watchOutbox) this.unsubscribe.push(this.store.watchOutbox(() => this.kick()));
    this.kick();
  }

  get serverUrl(): string | null {
    return this.currentServerUrl;
  }

  /**
   * The headers this transfer sends with requests about case `caseId` (sign-in, when there is
   * one), for other requests to the same server to send too (the web build's dossier export).
   */
  async requestHeaders(caseId: string | null = null): Promise<Record<string, string>> {
    return { ...(await this.headers(caseId)) };
  }

  /** Uploads to another server from now on (or to none); uploads in flight to the old one are stopped. */
  setServer(serverUrl: string | null): void {
    const next = serverUrl === null ? null : normalizeServerUrl(serverUrl);
    if (next === this.currentServerUrl) return;
    this.currentServerUrl = next;
    this.abortInFlight();
    this.refused.clear();
    this.nextDelayMs = this.retryDelay.initialMs;
    this.kick();
  }

  /**
   * Tries every queued upload now, those that failed for good included, and resolves when that
   * pass is over (the outbox holds what is still waiting).
   */
  async uploadNow(): Promise<void> {
    this.refused.clear();
    this.nextDelayMs = this.retryDelay.initialMs;
    this.clearRetryTimer();
    this.kick();
    while (this.running) await this.running;
  }

  /**
   * The bytes of `sha256` for case `caseId`: from this device when it has them intact, otherwise
   * downloaded from the server with progress, verified against the hash and stored (as uploaded).
   * Concurrent calls for one hash share one download. `mime` is the type recorded for bytes stored
   * by this download (the evidence item knows it; default application/octet-stream).
   * Throws SyncError (absent on the server, no server, no network, bytes that do not match).
   */
  fetchBlob(
    caseId: string,
    sha256: string,
    onProgress?: (progress: BlobProgress) => void,
    mime = 'application/octet-stream',
  ): Promise<Blob> {
    if (!isCaseId(caseId)) return Promise.reject(new ValidationError(`Not a case id: ${JSON.stringify(caseId)}.`));
    if (!isSha256(sha256)) {
      return Promise.reject(
        new ValidationError(
          `Not a SHA-256: ${JSON.stringify(sha256)}. A file's SHA-256 is 64 lowercase hexadecimal digits.`,
        ),
      );
    }
    if (this.destroyed) return Promise.reject(new SyncError('This blob transfer has been stopped; create a new one.'));
    const running = this.downloads.get(sha256);
    if (running) {
      if (onProgress) {
        running.listeners.add(onProgress);
        if (running.last) onProgress(running.last);
      }
      return running.promise;
    }
    const download: Download = { promise: Promise.resolve(new Blob()), listeners: new Set(), last: null };
    if (onProgress) download.listeners.add(onProgress);
    const report = (progress: BlobProgress) => {
      download.last = progress;
      for (const listener of [...download.listeners]) listener(progress);
    };
    download.promise = this.download(caseId, sha256, mime, report).finally(() => {
      this.downloads.delete(sha256);
    });
    this.downloads.set(sha256, download);
    return download.promise;
  }

  /**
   * How many of case `caseId`'s files wait to upload (failed ones included), as `status.waiting`
   * counts them for all cases; 0 until the outbox has first been read.
   */
  waitingForCase(caseId: string): Observable<number> {
    const get = () => this.waitingByCase.get().get(caseId) ?? 0;
    return {
      get,
      subscribe: (listener) => {
        let last = get();
        return this.waitingByCase.subscribe(() => {
          const next = get();
          if (next === last) return;
          last = next;
          listener(next);
        });
      },
    };
  }

  /** Stops uploading and downloading; what is queued stays queued. Idempotent. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.clearRetryTimer();
    this.abortInFlight();
    for (const stop of this.unsubscribe.splice(0)) stop();
    this.statusValue.clear();
    this.waitingByCase.clear();
  }

  private async download(
    caseId: string,
    sha256: string,
    mime: string,
    report: (progress: BlobProgress) => void,
  ): Promise<Blob> {
    const local = await this.store.getBlob(sha256).catch((error: unknown) => {
      // A damaged local copy is what a download repairs.
      if (error instanceof IntegrityError) return null;
      throw error;
    });
    if (local) {
      report({ received: local.size, total: local.size });
      return local;
    }
    const serverUrl = this.currentServerUrl;
    if (serverUrl === null) {
      throw new SyncError(
        'This file is not on this device, and no sync server is set to fetch it from. Set the team’s server in Settings.',
      );
    }
    if (!this.online.isOnline()) {
      throw new SyncError('This file is not on this device yet; it will download once you are online again.');
    }
    const signal = this.inFlight.signal;
    let response: Response;
    try {
      response = await fetch(this.blobUrl(serverUrl, caseId, sha256), { headers: await this.headers(caseId), signal });
    } catch (error) {
      throw new SyncError(
        `The sync server could not be reached to fetch this file (${describe(error)}). Check the connection and try again.`,
        { cause: error },
      );
    }
    if (!response.ok) {
      const said = await serverMessage(response);
      throw new SyncError(
        response.status === 404
          ? 'This file is not on the sync server yet: whoever captured it has not uploaded it (they may be offline). Try again later.'
          : `The sync server did not send this file (${response.status}${said ? `: ${said}` : ''}). Try again later.`,
      );
    }
    const announced = response.headers.get('X-Content-SHA256');
    if (announced !== null && announced !== sha256) {
      await response.body?.cancel();
      throw new SyncError(
        `The sync server sent another file (SHA-256 ${announced}) than the one asked for. Nothing was stored.`,
      );
    }
    const length = Number(response.headers.get('Content-Length'));
    const total = response.headers.has('Content-Length') && Number.isFinite(length) ? length : null;
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    let received = 0;
    report({ received, total });
    if (response.body) {
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          received += value.byteLength;
          report({ received, total });
        }
      } catch (error) {
        throw new SyncError(
          `The download of this file was interrupted after ${received} bytes (${describe(error)}). Nothing was stored; try again.`,
          { cause: error },
        );
      } finally {
        reader.releaseLock();
      }
    }
    const blob = new Blob(chunks, { type: mime });
    const actual = await sha256Hex(blob);
    if (actual !== sha256) {
      throw new SyncError(
        `The file downloaded from the sync server does not match its SHA-256 (got ${actual}). Nothing was stored; ` +
          'try again, and report it if it keeps happening.',
      );
    }
    await this.store.putBlob(caseId, blob, mime, { uploaded: true });
    return blob;
  }

  private blobUrl(serverUrl: string, caseId: string, sha256: string): string {
    return `${serverUrl}/cases/${caseId}/blobs/${sha256}`;
  }

  /** Starts a pass over the outbox, or asks the running one to go round once more. */
  private kick(): void {
    if (this.destroyed) return;
    if (this.running) {
      this.runAgain = true;
      return;
    }
    this.running = this.runPasses().finally(() => {
      this.running = null;
    });
  }

  private async runPasses(): Promise<void> {
    do {
      this.runAgain = false;
      try {
        await this.pass();
      } catch {
        // The outbox could not be read (the database closed, say): try again later.
        this.scheduleRetry();
      }
    } while (this.runAgain && !this.destroyed);
  }

  private async pass(): Promise<void> {
    let entries = await this.store.listOutbox();
    this.publish(entries);
    const serverUrl = this.currentServerUrl;
    if (serverUrl === null || !this.online.isOnline() || this.destroyed) return;
    for (const entry of entries) {
      if (this.destroyed || serverUrl !== this.currentServerUrl || !this.online.isOnline()) return;
      if (this.refused.has(entry.id)) continue;
      const outcome = await this.upload(serverUrl, entry);
      if (outcome.kind === 'done') {
        await this.store.markUploaded(entry.id);
        this.nextDelayMs = this.retryDelay.initialMs;
      } else if (outcome.kind === 'refused') {
        this.refused.set(entry.id, { caseId: entry.caseId, sha256: entry.sha256, message: outcome.message });
      } else {
        this.scheduleRetry();
        break;
      }
      entries = await this.store.listOutbox();
      this.publish(entries);
    }
  }

  private async upload(serverUrl: string, entry: { caseId: string; sha256: string }): Promise<UploadOutcome> {
    let blob: Blob | null;
    try {
      blob = await this.store.getBlob(entry.sha256);
    } catch (error) {
      // A changed local copy must not reach the server (which would refuse it anyway).
      if (error instanceof IntegrityError) return { kind: 'refused', message: error.message };
      return { kind: 'retry', message: describe(error) };
    }
    if (!blob) {
      return {
        kind: 'refused',
        message: 'This file is no longer on this device, so it cannot be uploaded. Capture it again.',
      };
    }
    let response: Response;
    try {
      response = await fetch(this.blobUrl(serverUrl, entry.caseId, entry.sha256), {
        method: 'PUT',
        body: blob,
        headers: { 'Content-Type': 'application/octet-stream', ...(await this.headers(entry.caseId)) },
        signal: this.inFlight.signal,
      });
    } catch (error) {
      return { kind: 'retry', message: describe(error) };
    }
    if (response.ok) {
      await response.body?.cancel();
      return { kind: 'done' };
    }
    const said = (await serverMessage(response)) ?? `The sync server answered ${response.status}.`;
    // Server trouble, a timeout or too many requests pass; anything else the server said no to.
    if (response.status >= 500 || response.status === 408 || response.status === 429) {
      return { kind: 'retry', message: said };
    }
    return { kind: 'refused', message: said };
  }

  private publish(entries: ReadonlyArray<{ id: number; caseId: string }>): void {
    // An entry finished elsewhere (another tab) is no longer a failure here.
    const queued = new Set(entries.map((entry) => entry.id));
    for (const id of this.refused.keys()) if (!queued.has(id)) this.refused.delete(id);
    const byCase = new Map<string, number>();
    for (const entry of entries) byCase.set(entry.caseId, (byCase.get(entry.caseId) ?? 0) + 1);
    this.waitingByCase.set(byCase);
    this.statusValue.set({ waiting: entries.length, failed: [...this.refused.values()] });
  }

  private scheduleRetry(): void {
    if (this.destroyed || this.retryTimer !== null) return;
    const delay = this.nextDelayMs;
    this.nextDelayMs = Math.min(this.nextDelayMs * 2, this.retryDelay.maxMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, delay);
  }

  private clearRetryTimer(): void {
    if (this.retryTimer === null) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private abortInFlight(): void {
    this.inFlight.abort(new SyncError('The transfer was stopped.'));
    this.inFlight = new AbortController();
  }
}

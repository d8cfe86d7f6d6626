import { checkCaptureUrl } from '../shared/bridge.js';
import { isExternalWebUrl } from './appOrigin.js';
import { checkCaptureSize, exactBytes, isMhtml, isPng } from './webCaptureBytes.js';
import { WebCaptureError } from './webCaptureError.js';

/**
 * What the capture window reports about its top-level page, already filtered to what the
 * sequence below needs (main frame only; a navigation replaced by another is not a failure).
 */
export type CapturePageEvent =
  /** A new document started loading in the main frame (the first load, a script or meta refresh). */
  | { type: 'navigation-started'; url: string }
  /** The server answered the main frame's request with a redirect to `url`, which is followed. */
  | { type: 'redirected'; url: string }
  /** The main frame finished loading (load event done). */
  | { type: 'load-finished' }
  /** The main frame's load failed (DNS, TLS, connection...). */
  | { type: 'load-failed'; url: string; code: number; description: string }
  /** A server redirect to something other than a web address was stopped. */
  | { type: 'redirect-blocked'; url: string }
  /** The address answered with a file to download, which was refused. */
  | { type: 'download-refused'; url: string }
  /** The page's renderer process crashed or was killed. */
  | { type: 'renderer-gone'; reason: string };

/**
 * The little a capture needs from a browser. The real one is Electron's hidden window
 * (webCaptureWindow.ts). Electron cannot run where the unit tests run, so the sequence below is
 * tested in Node against a scripted stand-in for this interface: that is the one place in this
 * app's tests where a fake is used, and test/electron/webCapture.spec.ts runs the real window.
 */
export interface CaptureBrowser {
  /** Starts loading `url`; progress and failure arrive as events. */
  load(url: string): void;
  /** The main frame's address now (after redirects). */
  currentUrl(): string;
  title(): string;
  screenshotPng(): Promise<Uint8Array>;
  snapshotMhtml(): Promise<Uint8Array>;
  /** Closes the window and clears the capture's session; called exactly once, whatever happened. */
  dispose(): Promise<void>;
}

/** Opens a fresh capture browser that reports to `onEvent` from its first moment. */
export type OpenCaptureBrowser = (onEvent: (event: CapturePageEvent) => void) => Promise<CaptureBrowser>;

export interface WebCaptureTimings {
  /** From the start of loading until the page has finished loading and stayed put for `settleMs`. */
  loadTimeoutMs: number;
  /** Quiet time after the load event, for late scripts, fonts and images, and script redirects. */
  settleMs: number;
  /** For each of the screenshot and the snapshot. */
  stepTimeoutMs: number;
}

export const DEFAULT_CAPTURE_TIMINGS: WebCaptureTimings = {
  loadTimeoutMs: 30_000,
  settleMs: 1_000,
  stepTimeoutMs: 20_000,
};

/** At most this many hidden capture windows at once; each is a renderer process. */
export const DEFAULT_MAX_CONCURRENT_CAPTURES = 3;

export interface WebCaptureOutcome {
  /** The address asked for, in canonical form. */
  requestedUrl: string;
  /** Where the page ended after server and script redirects. */
  finalUrl: string;
  /** Every top-level address after the requested one, in order (empty when there was no redirect). */
  redirects: string[];
  title: string;
  /** When the page had settled and was captured, ISO 8601 UTC. */
  capturedAt: string;
  /** Bytes that own their buffer exactly (see exactBytes), safe to send over IPC and to hash. */
  screenshot: { bytes: Uint8Array<ArrayBuffer>; mime: 'image/png' };
  snapshot: { bytes: Uint8Array<ArrayBuffer>; mime: 'multipart/related' };
}

export interface WebCapturerOptions {
  openBrowser: OpenCaptureBrowser;
  timings?: Partial<WebCaptureTimings>;
  maxConcurrent?: number;
  now?: () => Date;
  /** A failed cleanup does not undo a finished capture; it is reported here. */
  onCleanupError?: (error: unknown) => void;
}

function seconds(ms: number): string {
  const value = Math.round(ms / 100) / 10;
  return `${value} second${value === 1 ? '' : 's'}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Follows the top-level page from the first request until it has loaded and stayed on one
 * document for the settle time: a load event restarts the settle timer, a new main-frame
 * navigation (script redirect, meta refresh) cancels it until that document loads in turn. Every
 * address the page passes through is recorded.
 */
class PageSettleWatcher {
  readonly addresses: string[];
  readonly settled: Promise<void>;
  private resolve!: () => void;
  private reject!: (error: WebCaptureError) => void;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private deadline: ReturnType<typeof setTimeout> | undefined;
  private done = false;

  constructor(
    private readonly requestedUrl: string,
    private readonly timings: WebCaptureTimings,
  ) {
    this.addresses = [requestedUrl];
    this.settled = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Failures can arrive before anyone awaits `settled`; they are handled where it is awaited.
    this.settled.catch(() => {});
  }

  start(): void {
    this.deadline = setTimeout(
      () =>
        this.fail(
          `The page at ${this.requestedUrl} did not finish loading within ${seconds(this.timings.loadTimeoutMs)}. Nothing was captured; try again, or save the page another way.`,
        ),
      this.timings.loadTimeoutMs,
    );
  }

  handle(event: CapturePageEvent): void {
    if (this.done) return;
    switch (event.type) {
      case 'navigation-started':
        this.record(event.url);
        clearTimeout(this.settleTimer);
        this.settleTimer = undefined;
        return;
      case 'redirected':
        this.record(event.url);
        return;
      case 'load-finished':
        clearTimeout(this.settleTimer);
        this.settleTimer = setTimeout(() => this.finish(), this.timings.settleMs);
        return;
      case 'load-failed':
        this.fail(
          `Could not load ${event.url || this.requestedUrl}: ${event.description || 'error'} (${event.code}). Nothing was captured; check the address and the connection, then try again.`,
        );
        return;
      case 'redirect-blocked':
        this.fail(
          `The page tried to redirect to "${event.url}", which is not a web address, and was stopped. Nothing was captured.`,
        );
        return;
      case 'download-refused':
        this.fail(
          `${event.url} is a file to download, not a page. Nothing was captured; download it and add it as a file instead.`,
        );
        return;
      case 'renderer-gone':
        this.fail(`The page crashed while loading (${event.reason}). Nothing was captured; try again.`);
        return;
    }
  }

  stop(): void {
    this.done = true;
    clearTimeout(this.settleTimer);
    clearTimeout(this.deadline);
  }

  private record(url: string): void {
    if (url !== this.addresses[this.addresses.length - 1]) this.addresses.push(url);
  }

  private finish(): void {
    if (this.done) return;
    this.stop();
    this.resolve();
  }

  private fail(message: string): void {
    if (this.done) return;
    this.stop();
    this.reject(new WebCaptureError(message));
  }
}

/**
 * One step of the capture against its own time limit. A step that fails or overruns becomes a
 * WebCaptureError naming the step; its late result (after the window is gone) is ignored, since
 * Promise.race has already subscribed to it.
 */
async function step<T>(what: string, url: string, timeoutMs: number, run: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const overrun = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new WebCaptureError(
            `${what} of ${url} took longer than ${seconds(timeoutMs)} and was stopped. Nothing was captured; try again.`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([run(), overrun]);
  } catch (error) {
    if (error instanceof WebCaptureError) throw error;
    throw new WebCaptureError(`${what} of ${url} failed: ${messageOf(error)}. Nothing was captured; try again.`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The capture sequence: check the address (a bad one opens nothing), open a fresh browser, load,
 * wait until the page has settled, note the final address, title and time, take the screenshot,
 * then the MHTML snapshot, check both files are what they claim to be, and always dispose of the
 * browser, on success, failure or timeout alike.
 */
export function createWebCapturer(options: WebCapturerOptions): (url: string) => Promise<WebCaptureOutcome> {
  const timings = { ...DEFAULT_CAPTURE_TIMINGS, ...options.timings };
  const maxConcurrent = options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT_CAPTURES;
  const now = options.now ?? (() => new Date());
  const onCleanupError =
    options.onCleanupError ?? ((error: unknown) => console.error('Cleaning up after a web capture failed:', error));
  let running = 0;

  async function capture(requestedUrl: string, browser: CaptureBrowser, watcher: PageSettleWatcher) {
    watcher.start();
    browser.load(requestedUrl);
    await watcher.settled;

    const finalUrl = browser.currentUrl();
    if (!isExternalWebUrl(finalUrl)) {
      throw new WebCaptureError(
        `The page ended at "${finalUrl}", which is not a web address, so it was not captured. Try the address again.`,
      );
    }
    const title = browser.title();
    const capturedAt = now().toISOString();

    const png = await step('Taking the screenshot', requestedUrl, timings.stepTimeoutMs, () => browser.screenshotPng());
    if (!isPng(png)) throw new WebCaptureError(`The screenshot of ${requestedUrl} is not a PNG image; try again.`);
    checkCaptureSize('screenshot', png.byteLength);

    const mhtml = await step('Saving the page snapshot', requestedUrl, timings.stepTimeoutMs, () =>
      browser.snapshotMhtml(),
    );
    if (!isMhtml(mhtml)) throw new WebCaptureError(`The snapshot of ${requestedUrl} is not an MHTML file; try again.`);
    checkCaptureSize('page snapshot (MHTML)', mhtml.byteLength);

    return {
      requestedUrl,
      finalUrl,
      redirects: watcher.addresses.slice(1),
      title,
      capturedAt,
      screenshot: { bytes: exactBytes(png), mime: 'image/png' as const },
      snapshot: { bytes: exactBytes(mhtml), mime: 'multipart/related' as const },
    };
  }

  return async (url) => {
    const check = checkCaptureUrl(url);
    if (!check.ok) throw new WebCaptureError(check.problem);
    if (running >= maxConcurrent) {
      throw new WebCaptureError(
        `Casefile is already capturing ${running} page${running === 1 ? '' : 's'}; wait for one to finish, then try again.`,
      );
    }
    running += 1;
    try {
      const watcher = new PageSettleWatcher(check.url, timings);
      const browser = await options.openBrowser((event) => watcher.handle(event));
      try {
        return await capture(check.url, browser, watcher);
      } finally {
        watcher.stop();
        try {
          await browser.dispose();
        } catch (error) {
          // The capture (or its error) stands; a failed cleanup is reported, not swallowed.
          onCleanupError(error);
        }
      }
    } finally {
      running -= 1;
    }
  };
}

import { z } from 'zod';

/** Longer addresses are refused before anything is opened (a real page's address is far shorter). */
export const MAX_CAPTURE_URL_LENGTH = 8192;

export type CaptureUrlCheck = { ok: true; url: string } | { ok: false; problem: string };

function shown(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}

/**
 * The one rule for what may be captured, shared by the renderer (to explain a typo before asking)
 * and main (which refuses anything else before a window exists): an absolute http or https
 * address with a host and no user name or password. The address is returned in its canonical
 * form (WHATWG URL serialisation: lower-case host, punycode, default port dropped); nothing is
 * guessed, so "example.com" is refused rather than silently turned into a different address.
 */
export function checkCaptureUrl(input: string): CaptureUrlCheck {
  const value = input.trim();
  if (value === '') return { ok: false, problem: 'Enter the address of the page to capture.' };
  if (value.length > MAX_CAPTURE_URL_LENGTH) {
    return {
      ok: false,
      problem: `That address is longer than ${MAX_CAPTURE_URL_LENGTH} characters; check that it was copied correctly.`,
    };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return {
      ok: false,
      problem: `"${shown(value)}" is not a complete web address. Enter it with https:// or http:// at the start.`,
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      problem: `Only web pages (https:// or http://) can be captured; "${shown(url.protocol)}" addresses cannot.`,
    };
  }
  if (url.hostname === '') return { ok: false, problem: `"${shown(value)}" has no host name.` };
  if (url.username !== '' || url.password !== '') {
    return {
      ok: false,
      problem: 'Remove the user name and password from the address; Casefile does not send them to captured pages.',
    };
  }
  return { ok: true, url: url.href };
}

function toCaptureUrl(value: string, ctx: z.RefinementCtx<string>): string {
  const check = checkCaptureUrl(value);
  if (check.ok) return check.url;
  ctx.addIssue({ code: 'custom', message: check.problem });
  return z.NEVER;
}

/**
 * The dossier formats (as @casefile/dossier names them; a test keeps the two lists equal). Listed
 * here because main, which checks these arguments, does not bundle the dossier package.
 */
export const EXPORT_FORMATS = ['pdf', 'html', 'json', 'bundle', 'timeline', 'claimreview'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Larger dossiers are refused at the bridge (a case with this much evidence exports from the command line). */
export const MAX_EXPORT_BYTES = 1024 * 1024 * 1024;

function isPathOrControlCharacter(character: string): boolean {
  const code = character.charCodeAt(0);
  return character === '/' || character === '\\' || code < 0x20 || code === 0x7f;
}

/**
 * A file name to suggest in the save dialog: one name, never a path (the person picks the folder),
 * no control characters, not hidden.
 */
const suggestedFileName = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !name.startsWith('.') && ![...name].some(isPathOrControlCharacter), {
    message: 'A suggested file name is one name, without folders or control characters.',
  });

/** Tokens per sync server origin: bounded, so a renderer bug cannot make main write megabytes. */
const accessTokenBook = z
  .record(z.string().min(1).max(2048), z.array(z.string().min(1).max(8192)).max(100))
  .refine((book) => Object.keys(book).length <= 50, { message: 'Tokens for at most 50 sync servers are kept.' });

/**
 * The one contract between the renderer and the platform it runs on. Every native capability is
 * one entry here: the argument and result schemas, checked by Electron's main process before a
 * handler runs (src/main/bridgeHandlers.ts), exposed by the preload as `window.casefile`, and
 * implemented by the browser build as far as a browser can (src/renderer/platform/webBridge.ts).
 * A new capability is a new entry in this table, never an ad-hoc IPC channel.
 */
export const bridgeContract = {
  getAppInfo: {
    args: z.void(),
    result: z.object({
      platform: z.enum(['desktop', 'web']),
      version: z.string(),
    }),
  },
  /**
   * Loads a web page in a hidden, sandboxed window of its own (no cookies or storage shared with
   * the app or with other captures) and hands back a full-page PNG, an MHTML snapshot, the address
   * it ended at after redirects and the capture time. The renderer hashes and stores both files.
   */
  captureWebPage: {
    args: z.object({ url: z.string().transform(toCaptureUrl) }),
    result: z.object({
      finalUrl: z.string(),
      title: z.string(),
      capturedAt: z.iso.datetime(),
      screenshot: z.object({ bytes: z.instanceof(Uint8Array), mime: z.literal('image/png') }),
      snapshot: z.object({ bytes: z.instanceof(Uint8Array), mime: z.literal('multipart/related') }),
    }),
  },
  /**
   * Asks where to save an export (the system's save dialog, in the desktop app). Resolves to null
   * when the person cancels. The chosen path stays in main: the renderer gets an id for one save,
   * so it can never write anywhere but where the person chose. The browser build answers with its
   * downloads.
   */
  chooseExportDestination: {
    args: z.object({ fileName: suggestedFileName, format: z.enum(EXPORT_FORMATS) }),
    result: z.union([z.null(), z.object({ destinationId: z.string().max(100), shownAs: z.string() })]),
  },
  /**
   * Saves a finished export where chooseExportDestination said: whole or not at all (main writes a
   * temp file beside the target, then renames it; on failure nothing is left). The browser build
   * starts a download of the bytes.
   */
  saveExport: {
    args: z.object({
      destinationId: z.string().max(100),
      fileName: suggestedFileName,
      mime: z.string().max(200),
      bytes: z.instanceof(Uint8Array).refine((bytes) => bytes.length <= MAX_EXPORT_BYTES, {
        message: `An export larger than ${MAX_EXPORT_BYTES / 1024 / 1024} MiB cannot be saved from the app.`,
      }),
    }),
    result: z.object({ savedAs: z.string() }),
  },
  /**
   * Prints a dossier's HTML to PDF with the app's own Chromium, in a hidden window with no
   * JavaScript, no preload and no network (the dossier carries its fonts and images). Desktop only.
   */
  printDossierPdf: {
    args: z.object({ html: z.string().max(MAX_EXPORT_BYTES) }),
    result: z.object({ pdf: z.instanceof(Uint8Array) }),
  },
  /**
   * The access tokens (invitations) the desktop app holds, per sync server origin. Main keeps them
   * encrypted with the system's keychain (Electron's safeStorage) in a file of its own, never in
   * the renderer's IndexedDB. `problem` says why none could be read (no keychain, a damaged file).
   * The browser build keeps its tokens in IndexedDB and has no such entry.
   */
  readAccessTokens: {
    args: z.void(),
    result: z.object({ byServer: accessTokenBook, problem: z.string().nullable() }),
  },
  /** Replaces the stored tokens; refused (stored: false, problem) where they could not be encrypted. */
  storeAccessTokens: {
    args: z.object({ byServer: accessTokenBook }),
    result: z.object({ stored: z.boolean(), problem: z.string().nullable() }),
  },
  /** Removes every stored token of this device. */
  deleteAccessTokens: {
    args: z.void(),
    result: z.object({ deleted: z.literal(true) }),
  },
} as const;

export type BridgeContract = typeof bridgeContract;
export type BridgeMethod = keyof BridgeContract;
export type BridgeArgs<M extends BridgeMethod> = z.input<BridgeContract[M]['args']>;
export type BridgeResult<M extends BridgeMethod> = z.output<BridgeContract[M]['result']>;

/** What `window.casefile` offers: one async function per contract entry. */
export type CasefileBridge = {
  readonly [M in BridgeMethod]: (args: BridgeArgs<M>) => Promise<BridgeResult<M>>;
};

export type AppInfo = BridgeResult<'getAppInfo'>;
export type Platform = AppInfo['platform'];
export type WebCapture = BridgeResult<'captureWebPage'>;
export type ExportDestination = NonNullable<BridgeResult<'chooseExportDestination'>>;

export const bridgeMethods = Object.keys(bridgeContract) as BridgeMethod[];

/** The IPC channel of a contract entry; the preload and main derive it the same way. */
export function bridgeChannel(method: BridgeMethod): string {
  return `casefile:${method}`;
}

/** Thrown by the browser build for a capability only the desktop app has. */
export class DesktopOnlyError extends Error {
  override name = 'DesktopOnlyError';
  constructor(what: string) {
    super(`${what} needs the Casefile desktop app; the browser cannot do it. Open this case in the desktop app.`);
  }
}

declare global {
  interface Window {
    /** Set by the desktop app's preload; absent in the browser build (see platform/bridge.ts). */
    readonly casefile?: CasefileBridge;
  }
}

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DOSSIER_FORMATS, type DossierFormat, DossierIntegrityError, isDossierFormat } from '@casefile/dossier';
import { isCaseId } from '@casefile/model';
import type { BlobFiles } from './blobFiles.js';
import { exportCase, StoredCaseMissingError } from './exportCase.js';
import type { DocumentStore } from './persistence.js';

/**
 * `POST /cases/<caseId>/export`: the web build's Export dialog asks its server for a dossier, and
 * the server runs the same export as `casefile-export` (exportCase.ts). The answer is the whole
 * file or an error, never part of a file: the dossier is made in memory first and only then sent,
 * with its length, so a browser saves nothing unless the export completed. When the request goes
 * away (the person pressed Cancel, or closed the tab), the export is aborted.
 */

/** Why a request may not export a case; sent as `{ error: message }` with the status. */
export interface ExportRefusal {
  status: 401 | 403;
  message: string;
}

/**
 * Decides whether `req` may export case `caseId` (anyone who may read the case may export it).
 * Returns null to allow. Runs after the case id was validated and before the body is read.
 */
export type ExportAuthorizer = (
  req: IncomingMessage,
  caseId: string,
) => ExportRefusal | null | Promise<ExportRefusal | null>;

export type RunExport = typeof exportCase;

export interface ExportRouteOptions {
  store: DocumentStore;
  blobs: BlobFiles;
  authorize?: ExportAuthorizer;
  /** Exports running at once; more are answered 503 (each PDF export drives a Chromium). */
  slots: ExportSlots;
  log: (line: string) => void;
  /** The export itself (tests slow it down); default exportCase. */
  runExport?: RunExport;
}

/** A request body is two small fields; anything longer is not an export request. */
const MAX_BODY_BYTES = 4096;
/** Exports at once, by default: a PDF or bundle export keeps a Chromium and a core busy for seconds. */
export const DEFAULT_MAX_CONCURRENT_EXPORTS = 2;

/** Counts exports in progress, so that a burst of requests cannot start a Chromium each. */
export class ExportSlots {
  private running = 0;
  constructor(readonly max = DEFAULT_MAX_CONCURRENT_EXPORTS) {}

  /** A release function, or null when every slot is taken. */
  take(): (() => void) | null {
    if (this.running >= this.max) return null;
    this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
    };
  }
}

/** The case id of `/cases/<caseId>/export`, unvalidated, or null for any other path. */
export function exportAddress(path: string): string | null {
  const match = /^\/cases\/([^/]*)\/export$/.exec(path);
  return match ? (match[1] ?? '') : null;
}

function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const text = JSON.stringify({ error: message });
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** `attachment` with the file name twice: plain ASCII for old clients, UTF-8 (RFC 6266/8187) for a Cyrillic title. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

class BadRequest extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

async function readRequestBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    throw new BadRequest(413, 'An export request is a small JSON object: {"format": …, "includeOriginals": …}.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new BadRequest(413, 'An export request is a small JSON object: {"format": …, "includeOriginals": …}.');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The export request's body: `{ format, includeOriginals? }`; BadRequest for anything else. */
export function parseExportRequest(text: string): { format: DossierFormat; includeOriginals: boolean } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequest(400, 'The export request is not JSON. Send {"format": "pdf", "includeOriginals": false}.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequest(
      400,
      'The export request must be a JSON object: {"format": "pdf", "includeOriginals": false}.',
    );
  }
  const { format, includeOriginals } = body as Record<string, unknown>;
  if (!isDossierFormat(format)) {
    throw new BadRequest(
      400,
      `Unknown export format ${JSON.stringify(format ?? null)}; use one of: ${DOSSIER_FORMATS.join(', ')}.`,
    );
  }
  if (includeOriginals !== undefined && typeof includeOriginals !== 'boolean') {
    throw new BadRequest(400, '"includeOriginals" must be true or false.');
  }
  return { format, includeOriginals: includeOriginals === true };
}

/**
 * Answers one export request. Order matters: the address is checked, then access (401/403 before
 * anything of the case is read or said, even whether it exists), then the body, then the export.
 */
export async function handleExportRequest(
  req: IncomingMessage,
  res: ServerResponse,
  caseId: string,
  options: ExportRouteOptions,
): Promise<void> {
  if (req.method !== 'POST') {
    sendError(res, 405, `A dossier is exported with POST, not ${req.method ?? 'no method'}.`, { Allow: 'POST' });
    return;
  }
  if (!isCaseId(caseId)) {
    sendError(res, 400, 'Not a case id. The export address is /cases/<case id>/export.');
    return;
  }
  const refusal = (await options.authorize?.(req, caseId)) ?? null;
  if (refusal) {
    sendError(res, refusal.status, refusal.message);
    return;
  }
  // A JSON content type also keeps plain HTML forms of other sites from posting here unasked.
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    sendError(res, 415, 'Send the export request as JSON (Content-Type: application/json).');
    return;
  }
  let request: { format: DossierFormat; includeOriginals: boolean };
  try {
    request = parseExportRequest(await readRequestBody(req));
  } catch (error) {
    if (!(error instanceof BadRequest)) throw error;
    sendError(res, error.status, error.message, error.status === 413 ? { Connection: 'close' } : {});
    return;
  }
  const release = options.slots.take();
  if (!release) {
    sendError(res, 503, 'The server is busy with other exports. Try again in a moment.', { 'Retry-After': '5' });
    return;
  }
  const controller = new AbortController();
  // The person cancelled (or went away): stop the export between steps; nobody is left to answer.
  const onClose = () => {
    if (!res.writableFinished) controller.abort();
  };
  res.once('close', onClose);
  const startedAt = Date.now();
  try {
    const exported = await (options.runExport ?? exportCase)(options.store, options.blobs, caseId, request.format, {
      includeOriginals: request.includeOriginals,
      signal: controller.signal,
    });
    if (controller.signal.aborted) return;
    const headers: Record<string, string | number> = {
      'Content-Type': exported.mime,
      'Content-Length': exported.bytes.length,
      'Content-Disposition': contentDisposition(exported.fileName),
      'X-Content-SHA256': createHash('sha256').update(exported.bytes).digest('hex'),
      'Cache-Control': 'no-store',
      // An HTML dossier is a download, never a page of this origin (which also serves the app).
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
    };
    if (exported.bundle) headers['X-Manifest-SHA256'] = exported.bundle.manifestSha256;
    res.writeHead(200, headers);
    res.end(exported.bytes);
    options.log(`Exported a case as ${request.format} (${exported.bytes.length} bytes, ${Date.now() - startedAt} ms).`);
  } catch (error) {
    if (controller.signal.aborted) {
      options.log(`An export (${request.format}) was cancelled by its client; nothing was sent.`);
      return;
    }
    if (error instanceof StoredCaseMissingError) {
      sendError(res, 404, 'This server stores no such case yet. If it was created offline, let it sync first.');
    } else if (error instanceof DossierIntegrityError) {
      // Altered evidence, or a custody record whose chain does not verify.
      options.log(`An export stopped on an integrity check: ${error.message}`);
      sendError(res, 500, error.message);
    } else {
      options.log(`An export (${request.format}) failed: ${(error as Error).message}`);
      sendError(
        res,
        500,
        `The export failed on the server (${(error as Error).message}). Nothing was saved; try again, and tell whoever runs the server if it keeps failing.`,
      );
    }
  } finally {
    res.off('close', onClose);
    release();
  }
}

/** handleExportRequest for the server: an unexpected error answers 500 (or cuts the reply), never throws. */
export async function serveExportRequest(
  req: IncomingMessage,
  res: ServerResponse,
  caseId: string,
  options: ExportRouteOptions,
): Promise<void> {
  try {
    await handleExportRequest(req, res, caseId, options);
  } catch (error) {
    options.log(`Export request failed: ${(error as Error).message}`);
    if (res.headersSent) res.destroy();
    else sendError(res, 500, 'Internal error; nothing was exported. Try again.');
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { isCaseId } from '@casefile/model';
import { type BlobFiles, BlobMismatchError, BlobTooLargeError, isSha256 } from './blobFiles.js';
import type { DocumentStore } from './persistence.js';

/** Uploads above this are refused with 413 unless the server is configured otherwise. */
export const DEFAULT_MAX_BLOB_BYTES = 100 * 1024 * 1024;

export type BlobAccess = 'read' | 'write';

/** Why a request may not touch a case's blobs; sent as `{ error: message }` with the status. */
export interface BlobRefusal {
  status: 401 | 403;
  message: string;
}

/**
 * The hook for access control (tokens come in a later step): decides whether `req` may read or
 * write the blobs of `caseId`. Returns null to allow. Runs after the address was validated and
 * before a byte of the body is read or of a blob is sent.
 */
export type BlobAuthorizer = (
  req: IncomingMessage,
  caseId: string,
  access: BlobAccess,
) => BlobRefusal | null | Promise<BlobRefusal | null>;

export interface BlobRouteOptions {
  store: DocumentStore;
  files: BlobFiles;
  maxBlobBytes: number;
  authorize?: BlobAuthorizer;
  log: (line: string) => void;
}

/** The segments of `/cases/<caseId>/blobs/<sha256>`, unvalidated, or null for any other path. */
export function blobAddress(path: string): { caseId: string; sha256: string } | null {
  const match = /^\/cases\/([^/]*)\/blobs\/([^/]*)$/.exec(path);
  return match ? { caseId: match[1] ?? '', sha256: match[2] ?? '' } : null;
}

// Blob addresses are read from other origins too (the desktop renderer runs on its own scheme);
// nothing is sent with cookies, and access control will come with a token in Authorization.
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'X-Content-SHA256, Content-Length',
};

function sendJson(
  res: ServerResponse,
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...CORS_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: message }, headers);
}

/** Shows a bad address segment without echoing an arbitrarily long one back. */
function shown(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

/**
 * `PUT|GET|HEAD /cases/<caseId>/blobs/<sha256>` (and CORS preflight). PUT streams the body to
 * disk while hashing it; only bytes that hash to the address are kept, and only then is the case
 * recorded as holding the blob (so a record never points at a missing file). GET and HEAD answer
 * 404 for a blob the case does not hold, even when another case holds it.
 */
export async function handleBlobRequest(
  req: IncomingMessage,
  res: ServerResponse,
  address: { caseId: string; sha256: string },
  options: BlobRouteOptions,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') {
    res.writeHead(204, {
      ...CORS_HEADERS,
      'Access-Control-Allow-Methods': 'GET, HEAD, PUT',
      'Access-Control-Allow-Headers': 'Content-Type, Authorization',
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return;
  }
  if (method !== 'GET' && method !== 'HEAD' && method !== 'PUT') {
    sendError(res, 405, `A case's files are read with GET or HEAD and uploaded with PUT, not ${method}.`, {
      Allow: 'GET, HEAD, PUT',
    });
    return;
  }
  const { caseId, sha256 } = address;
  if (!isCaseId(caseId)) {
    sendError(res, 400, `Not a case id: ${shown(caseId)}. The address of a file is /cases/<case id>/blobs/<sha256>.`);
    return;
  }
  if (!isSha256(sha256)) {
    sendError(res, 400, `Not a SHA-256: ${shown(sha256)}. Give the file's SHA-256 as 64 lowercase hexadecimal digits.`);
    return;
  }
  const refusal = (await options.authorize?.(req, caseId, method === 'PUT' ? 'write' : 'read')) ?? null;
  if (refusal) {
    sendError(res, refusal.status, refusal.message);
    return;
  }
  if (method === 'PUT') await putBlob(req, res, caseId, sha256, options);
  else await getBlob(res, caseId, sha256, method === 'HEAD', options);
}

async function putBlob(
  req: IncomingMessage,
  res: ServerResponse,
  caseId: string,
  sha256: string,
  { store, files, maxBlobBytes, log }: BlobRouteOptions,
): Promise<void> {
  const tooLarge = () =>
    // The rest of the body is not read: close the connection once the answer is out.
    sendError(res, 413, new BlobTooLargeError(maxBlobBytes).message, { Connection: 'close' });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBlobBytes) {
    tooLarge();
    return;
  }
  const heldBefore = await store.holdsBlob(caseId, sha256);
  let size: number;
  try {
    ({ size } = await files.write(sha256, req, maxBlobBytes));
  } catch (error) {
    if (error instanceof BlobMismatchError) sendError(res, 422, error.message);
    else if (error instanceof BlobTooLargeError) tooLarge();
    else if (req.destroyed && !req.complete) {
      // The upload was cut off (the client went away): nothing was stored, and nobody is left to answer.
      log(`An upload to a case was interrupted after part of the file; nothing was stored.`);
    } else {
      log(`Storing an uploaded file failed: ${(error as Error).message}`);
      sendError(res, 500, `The file could not be stored (${(error as Error).message}). Nothing was stored; try again.`);
    }
    return;
  }
  try {
    await store.holdBlob(caseId, sha256);
  } catch (error) {
    // The bytes stay on disk (content-addressed, harmless); the case does not hold them yet.
    log(`Recording an uploaded file for its case failed: ${(error as Error).message}`);
    sendError(res, 500, `The file could not be recorded for this case (${(error as Error).message}). Try again.`);
    return;
  }
  // 200 only when this case already held the blob: whether another case holds it is not told.
  sendJson(res, heldBefore ? 200 : 201, { sha256, size });
}

async function getBlob(
  res: ServerResponse,
  caseId: string,
  sha256: string,
  headOnly: boolean,
  { store, files, log }: BlobRouteOptions,
): Promise<void> {
  const notFound = () =>
    sendError(
      res,
      404,
      `This case has no file with SHA-256 ${sha256} on the server: it has not been uploaded yet (its owner may still be offline).`,
    );
  if (!(await store.holdsBlob(caseId, sha256))) {
    notFound();
    return;
  }
  const blob = await files.read(sha256);
  if (!blob) {
    log(`A case holds a file that is missing from the blob store (${sha256}).`);
    notFound();
    return;
  }
  res.writeHead(200, {
    ...CORS_HEADERS,
    'Content-Type': 'application/octet-stream',
    'Content-Length': blob.size,
    'X-Content-SHA256': sha256,
    // Evidence is sensitive and kept by the client itself: no HTTP caches. Never rendered as a page
    // of this origin (which also serves the app), whatever the bytes are.
    'Cache-Control': 'no-store',
    'Content-Disposition': 'attachment',
    'Content-Security-Policy': "sandbox; default-src 'none'",
    'X-Content-Type-Options': 'nosniff',
  });
  if (headOnly) {
    res.end();
    return;
  }
  const stream = blob.stream();
  await new Promise<void>((resolve) => {
    stream.on('error', (error) => {
      log(`Reading a stored file failed: ${error.message}`);
      res.destroy(error);
      resolve();
    });
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}

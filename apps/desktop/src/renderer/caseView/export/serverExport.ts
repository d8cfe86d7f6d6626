import type { ExportFormat } from '../../../shared/bridge';

/** A finished export, whether made on this device or by the sync server. */
export interface FinishedExport {
  bytes: Uint8Array;
  mime: string;
  fileName: string;
  /** Bundles: the SHA-256 of manifest.json, to publish beside the bundle. */
  manifestSha256: string | null;
}

/** The sync server answered an export request with an error; the message says what to do. */
export class ServerExportError extends Error {
  override name = 'ServerExportError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The sync server could not be reached at all. */
export class ServerUnreachableError extends Error {
  override name = 'ServerUnreachableError';
}

export interface ServerExportRequest {
  serverUrl: string;
  caseId: string;
  format: ExportFormat;
  includeOriginals: boolean;
  signal: AbortSignal;
  /** Sign-in headers for the server (as blob requests send them). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/** The file name from `Content-Disposition`: the UTF-8 `filename*` when present, else `filename`. */
export function fileNameFromContentDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  return /filename\s*=\s*"([^"]*)"/i.exec(header)?.[1] ?? null;
}

/** What the person reads for an error status of the export route. */
export function describeServerExportFailure(status: number, said: string | null): string {
  const nothingSaved = 'Nothing was saved.';
  switch (status) {
    case 401:
      return `The sync server did not accept your sign-in${said ? ` (${said})` : ''}. ${nothingSaved} Open your invitation link again, then export.`;
    case 403:
      return `${said ?? 'Your access does not cover this case.'} ${nothingSaved}`;
    case 404:
      return `The sync server does not have this case yet (it may have been created offline and not synced). ${nothingSaved} Wait until the case shows Synced, then export.`;
    case 503:
      return `${said ?? 'The sync server is busy.'} ${nothingSaved}`;
    default:
      return said
        ? `${said}${said.includes('Nothing was') ? '' : ` ${nothingSaved}`}`
        : `The sync server could not export this case (HTTP ${status}). ${nothingSaved} Try again; if it keeps failing, tell whoever runs the server.`;
  }
}

async function errorMessageOf(response: Response): Promise<string | null> {
  try {
    const body = (await response.json()) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : null;
  } catch {
    return null;
  }
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Asks the sync server to export the case (`POST /cases/<id>/export`, the same code as
 * `casefile-export`) and returns the whole file, checked against the SHA-256 the server announced:
 * a file cut short on the way is an error, never a download. Aborting `signal` aborts the
 * request, and the server stops the export when the request goes away.
 */
export async function requestServerExport(request: ServerExportRequest): Promise<FinishedExport> {
  const fetchImpl = request.fetch ?? fetch;
  const url = `${request.serverUrl.replace(/\/+$/, '')}/cases/${encodeURIComponent(request.caseId)}/export`;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...request.headers },
      body: JSON.stringify({ format: request.format, includeOriginals: request.includeOriginals }),
      signal: request.signal,
      cache: 'no-store',
    });
  } catch (error) {
    if (request.signal.aborted) throw error;
    throw new ServerUnreachableError(
      `The sync server could not be reached (${(error as Error).message || 'no answer'}). Nothing was saved. Check the connection, or that the server is running, and export again.`,
    );
  }
  if (!response.ok) {
    throw new ServerExportError(
      response.status,
      describeServerExportFailure(response.status, await errorMessageOf(response)),
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (request.signal.aborted) throw error;
    throw new ServerUnreachableError(
      'The connection to the sync server broke while the file was arriving. Nothing was saved; export again.',
    );
  }
  const announced = response.headers.get('X-Content-SHA256');
  if (announced !== null && announced !== (await sha256Hex(bytes))) {
    throw new ServerExportError(
      response.status,
      'The file from the sync server arrived damaged (its SHA-256 does not match what the server sent). Nothing was saved; export again.',
    );
  }
  return {
    bytes,
    mime: response.headers.get('Content-Type') ?? 'application/octet-stream',
    fileName:
      fileNameFromContentDisposition(response.headers.get('Content-Disposition')) ??
      `casefile-export.${request.format}`,
    manifestSha256: response.headers.get('X-Manifest-SHA256'),
  };
}

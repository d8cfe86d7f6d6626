import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

export function mimeTypeFor(fileName: string): string {
  return MIME_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The page and the service worker must be revalidated on every load, or a browser keeps running
 * an old app after an upgrade; Vite's content-hashed files under /assets/ never change.
 */
export function cacheControlFor(urlPath: string): string {
  if (urlPath.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/**
 * Serves the built web app from `webRoot`. Only files inside the root are ever read: paths with
 * `..` segments (also when percent-encoded, also across encoded slashes), hidden files, and
 * symbolic links that lead outside are refused.
 */
export async function serveStaticFile(
  webRoot: string | null,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Only GET and HEAD are supported here.\n', { Allow: 'GET, HEAD' });
    return;
  }
  if (webRoot === null) {
    send(res, 404, 'This sync server does not serve the web app (no web root configured).\n');
    return;
  }
  const rawPath = (req.url ?? '/').split('?')[0]?.split('#')[0] ?? '/';
  let urlPath: string;
  try {
    urlPath = decodeURIComponent(rawPath);
  } catch {
    send(res, 400, 'The path is not valid percent-encoding.\n');
    return;
  }
  if (!urlPath.startsWith('/') || urlPath.includes('\0')) {
    send(res, 400, 'Invalid path.\n');
    return;
  }
  const segments = urlPath.split(/[/\\]/).filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment.startsWith('.'))) {
    send(res, 403, 'Forbidden.\n');
    return;
  }
  const relative = urlPath.endsWith('/') ? [...segments, 'index.html'] : segments;
  const root = resolve(webRoot);
  const filePath = resolve(root, ...relative);
  if (!filePath.startsWith(root + sep)) {
    send(res, 403, 'Forbidden.\n');
    return;
  }

  let realFile: string;
  let realRoot: string;
  try {
    [realFile, realRoot] = await Promise.all([realpath(filePath), realpath(root)]);
  } catch {
    send(res, 404, 'Not found.\n');
    return;
  }
  if (!realFile.startsWith(realRoot + sep)) {
    send(res, 403, 'Forbidden.\n');
    return;
  }
  const info = await stat(realFile).catch(() => null);
  if (!info?.isFile()) {
    send(res, 404, 'Not found.\n');
    return;
  }

  const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const headers = {
    'Content-Type': mimeTypeFor(realFile),
    'Cache-Control': cacheControlFor(`/${relative.join('/')}`),
    'Last-Modified': info.mtime.toUTCString(),
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': info.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(realFile);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheControlFor, mimeTypeFor } from './staticFiles.js';
import { cleanUp, makeTempDir, startTestServer } from './testSupport.js';

afterEach(cleanUp);

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request: unlike fetch, it sends the path exactly as written (no dot-segment cleanup). */
function get(url: string, path: string, method = 'GET'): Promise<Reply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const SECRET = 'secret outside the web root';

async function webAppServer() {
  const base = await makeTempDir();
  const webRoot = join(base, 'web');
  await mkdir(join(webRoot, 'assets'), { recursive: true });
  await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>Casefile</title>');
  await writeFile(join(webRoot, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(join(webRoot, 'manifest.webmanifest'), '{"name":"Casefile"}');
  await writeFile(join(webRoot, 'assets', 'index-3f2a1b.js'), 'console.log("app")');
  await writeFile(join(webRoot, 'assets', 'index-3f2a1b.css'), 'body{}');
  await writeFile(join(webRoot, '.env'), SECRET);
  await writeFile(join(base, 'package.json'), SECRET);
  await writeFile(join(base, 'secret.txt'), SECRET);
  await symlink(join(base, 'secret.txt'), join(webRoot, 'linked.txt'));
  const server = await startTestServer(join(base, 'data'), { webRoot });
  return server;
}

describe('the web app', () => {
  it('is served from the web root: index.html for /, with types and caching a PWA needs', async () => {
    const server = await webAppServer();
    const root = await get(server.url, '/');
    expect(root.status).toBe(200);
    expect(root.body).toContain('<title>Casefile</title>');
    expect(root.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(root.headers['cache-control']).toBe('no-cache');

    const index = await get(server.url, '/index.html');
    expect(index.headers['cache-control']).toBe('no-cache');

    const worker = await get(server.url, '/sw.js');
    expect(worker.status).toBe(200);
    expect(worker.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(worker.headers['cache-control']).toBe('no-cache');

    const manifest = await get(server.url, '/manifest.webmanifest');
    expect(manifest.headers['content-type']).toBe('application/manifest+json; charset=utf-8');

    const script = await get(server.url, '/assets/index-3f2a1b.js?v=1');
    expect(script.status).toBe(200);
    expect(script.body).toBe('console.log("app")');
    expect(script.headers['cache-control']).toContain('immutable');
    expect((await get(server.url, '/assets/index-3f2a1b.css')).headers['content-type']).toBe('text/css; charset=utf-8');

    const head = await get(server.url, '/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers 404 for a missing file and 405 for other methods', async () => {
    const server = await webAppServer();
    expect((await get(server.url, '/missing.js')).status).toBe(404);
    expect((await get(server.url, '/assets/')).status).toBe(404);
    expect((await get(server.url, '/index.html', 'POST')).status).toBe(405);
  });

  it.each([
    '/../package.json',
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/package.json',
    '/..%2fsecret.txt',
    '/..%2Fpackage.json',
    '/assets%2f..%2f..%2fsecret.txt',
    '/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/linked.txt',
    '/.env',
    '/%00index.html',
    '/%E0%A4%A',
  ])('never serves a file outside the web root: %s', async (path) => {
    const server = await webAppServer();
    const reply = await get(server.url, path);
    expect([400, 403, 404]).toContain(reply.status);
    expect(reply.body).not.toContain(SECRET);
  });

  it('says so plainly when no web app is configured', async () => {
    const server = await startTestServer(await makeTempDir(), { webRoot: null });
    const reply = await get(server.url, '/');
    expect(reply.status).toBe(404);
    expect(reply.body).toMatch(/does not serve the web app/);
  });
});

describe('health', () => {
  it('answers 200 with JSON {ok: true} and counts, never room names', async () => {
    const server = await startTestServer(await makeTempDir());
    const reply = await get(server.url, '/health');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(reply.body) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, rooms: 0, connections: 0 });
    expect(typeof body.uptimeSeconds).toBe('number');
  });
});

describe('file types and caching', () => {
  it('maps the web build’s file types', () => {
    expect(mimeTypeFor('manifest.webmanifest')).toBe('application/manifest+json; charset=utf-8');
    expect(mimeTypeFor('sw.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('icon.SVG')).toBe('image/svg+xml');
    expect(mimeTypeFor('font.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('unknown.bin')).toBe('application/octet-stream');
    expect(cacheControlFor('/sw.js')).toBe('no-cache');
    expect(cacheControlFor('/index.html')).toBe('no-cache');
    expect(cacheControlFor('/assets/x-1.js')).toContain('max-age=31536000');
  });
});

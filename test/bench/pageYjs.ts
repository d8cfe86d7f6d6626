import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from '@playwright/test';

/**
 * Runs Yjs itself in a page, for baselines measured in the same browser as the app: an origin made
 * up by the benchmark (never on the network; Playwright answers every request) serves the yjs and
 * lib0 packages the tests depend on as ES modules, resolved with an import map, the same code the
 * app bundles.
 */
export const BENCH_ORIGIN = 'http://bench.localhost';

const yjsFile = fileURLToPath(import.meta.resolve('yjs'));
const lib0Dir = dirname(fileURLToPath(import.meta.resolve('lib0/encoding')));

type ExportTarget = string | { [condition: string]: ExportTarget };

/** lib0's file for a subpath as a browser resolves it (its `browser` condition, then `module`/`import`). */
function lib0File(subpath: string): string {
  if (subpath.endsWith('.js')) return join(lib0Dir, subpath);
  const exports = JSON.parse(readFileSync(join(lib0Dir, 'package.json'), 'utf8')).exports as Record<
    string,
    ExportTarget
  >;
  let target: ExportTarget | undefined = exports[`./${subpath}`];
  while (target && typeof target === 'object') {
    target = target.browser ?? target.module ?? target.import ?? target.default;
  }
  if (typeof target !== 'string') throw new Error(`lib0 has no browser module for ${subpath}.`);
  return join(lib0Dir, target);
}

const PAGE = `<!doctype html>
<meta charset="utf-8">
<script type="importmap">{"imports": {"yjs": "/yjs.mjs", "lib0/": "/lib0/"}}</script>
<script type="module">import * as Y from 'yjs'; window.Y = Y; window.yjsReady = true;</script>
`;

/**
 * Serves the page, Yjs and `files` (path -> bytes) on BENCH_ORIGIN in this context. Use a context
 * with service workers blocked: a service worker's answers would bypass these routes.
 */
export async function serveYjsPage(context: BrowserContext, files: Record<string, Uint8Array> = {}): Promise<void> {
  await context.route(`${BENCH_ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const js = 'text/javascript; charset=utf-8';
    if (path === '/') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE });
    if (path === '/yjs.mjs') return route.fulfill({ contentType: js, body: readFileSync(yjsFile) });
    if (path.startsWith('/lib0/'))
      return route.fulfill({ contentType: js, body: readFileSync(lib0File(path.slice(6))) });
    const file = files[path];
    if (file) return route.fulfill({ contentType: 'application/octet-stream', body: Buffer.from(file) });
    return route.fulfill({ status: 404, body: 'not found' });
  });
}

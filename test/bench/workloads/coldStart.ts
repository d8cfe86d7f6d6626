import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { SyncServerProcess, webRoot } from '../../e2e/syncServer.js';
import { addPageScript, joinUrl, newPerson, waitForOfflineShell } from '../benchBrowser.js';
import type { ResultRow } from '../resultTable.js';
import { formatBytes, formatMs, median } from '../stats.js';

const W = '6 cold start';
const RUNS = 3;

declare global {
  interface Window {
    benchCaseListAt?: number;
    benchNewCaseAt?: number;
  }
}

/**
 * Runs before the app: notes the frame at which the case list is interactive, i.e. the list holds a
 * case to open (the server's demo case) and "New case" can be pressed.
 */
function watchCaseList(): void {
  const observer = new MutationObserver(() => {
    const button = [...document.querySelectorAll('button')].find((each) => each.textContent === 'New case');
    if (!button || button.disabled) return;
    if (window.benchNewCaseAt === undefined) {
      window.benchNewCaseAt = Number.NaN;
      requestAnimationFrame(() => {
        window.benchNewCaseAt = performance.now();
      });
    }
    if (!document.querySelector('ul.case-list a')) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      window.benchCaseListAt = performance.now();
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** When "New case" could be pressed, and when the list showed the team's cases, in ms since navigation. */
async function caseListAt(page: Page): Promise<{ newCase: number; list: number }> {
  await page.waitForFunction(() => window.benchCaseListAt !== undefined, undefined, { timeout: 30_000 });
  return page.evaluate(() => ({ newCase: window.benchNewCaseAt ?? Number.NaN, list: window.benchCaseListAt ?? 0 }));
}

interface Sizes {
  raw: number;
  gzip: number;
  files: number;
}

/**
 * The renderer's JavaScript and CSS as built, as shipped and gzipped: every chunk, and the part a
 * first visit loads before anything shows (what index.html names: its script, the chunks it
 * preloads and the style sheet). The case view and the search page are chunks loaded later.
 */
function bundleSize(): { all: Sizes; first: Sizes } {
  const assets = join(webRoot, 'assets');
  const html = readFileSync(join(webRoot, 'index.html'), 'utf8');
  const named = new Set([...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.(?:js|css))"/g)].map((match) => match[1]));
  const all: Sizes = { raw: 0, gzip: 0, files: 0 };
  const first: Sizes = { raw: 0, gzip: 0, files: 0 };
  for (const name of readdirSync(assets)) {
    if (!/\.(js|css)$/.test(name)) continue;
    const bytes = readFileSync(join(assets, name));
    for (const sizes of named.has(name) ? [all, first] : [all]) {
      sizes.raw += bytes.length;
      sizes.gzip += gzipSync(bytes).length;
      sizes.files++;
    }
  }
  return { all, first };
}

export async function coldStart(browser: Browser): Promise<ResultRow[]> {
  const server = await SyncServerProcess.start();
  const cold: number[] = [];
  const coldNewCase: number[] = [];
  const warm: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      // A new context each time: no HTTP cache, no service worker, an empty IndexedDB.
      const { context, page } = await newPerson(browser);
      try {
        await addPageScript(context, watchCaseList, null);
        // A newcomer's first visit is the invitation link the server printed.
        await page.goto(await joinUrl(server, `newcomer-${run}`));
        const first = await caseListAt(page);
        cold.push(first.list);
        coldNewCase.push(first.newCase);
        // The same person starting the app again: the shell from the service worker, the list from IndexedDB.
        await waitForOfflineShell(page);
        await page.reload();
        warm.push((await caseListAt(page)).list);
      } finally {
        await context.close();
      }
    }
  } finally {
    await server.dispose();
  }
  const bundle = bundleSize();
  return [
    {
      workload: W,
      figure: 'first visit to interactive case list',
      value: formatMs(median(cold)),
      target: '<= 1 s',
      met: median(cold) <= 1000,
      note: `median of ${RUNS} fresh browser contexts, from navigation start to the frame showing "New case" and the team's cases (the server's demo case)`,
    },
    {
      workload: W,
      figure: 'first visit to "New case" pressable',
      value: formatMs(median(coldNewCase)),
    },
    {
      workload: W,
      figure: 'restart (service worker, IndexedDB)',
      value: formatMs(median(warm)),
    },
    {
      workload: W,
      figure: 'renderer bundle (JS + CSS)',
      value: `${formatBytes(bundle.all.raw)}; gzip ${formatBytes(bundle.all.gzip)}`,
      target: 'reported',
      note: `${bundle.all.files} files in the web build's assets`,
    },
    {
      workload: W,
      figure: 'of which a first visit loads at start',
      value: `${formatBytes(bundle.first.raw)}; gzip ${formatBytes(bundle.first.gzip)}`,
      note: `${bundle.first.files} files named by index.html (script, preloaded chunks, style sheet); the case view and search load when opened`,
    },
  ];
}

import type { Browser, Page } from '@playwright/test';
import { SyncServerProcess } from '../../e2e/syncServer.js';
import { BareRelayProcess } from '../bareRelayProcess.js';
import { connectionStatus, newPerson, signIn } from '../benchBrowser.js';
import type { BenchOptions } from '../benchOptions.js';
import type { ResultRow } from '../resultTable.js';
import { formatMs, percentile } from '../stats.js';

const W = '2 edit latency';
// No extra pause: Playwright sends each key as keydown and keyup and waits for the page to take
// them, which here spaces keystrokes 30-50 ms apart, a fast typist's pace.
const KEY_DELAY_MS = 0;
const TYPED = 'the channel posted the photo again ';

declare global {
  interface Window {
    benchKeydowns?: number[];
    benchArrivals?: number[];
    benchRelay?: WebSocket;
  }
}

/** Records, in the typing page, when each key went down (epoch ms, sub-ms resolution). */
function recordKeydowns(page: Page): Promise<void> {
  return page.evaluate(() => {
    if (window.benchKeydowns) {
      window.benchKeydowns.length = 0;
      return;
    }
    window.benchKeydowns = [];
    window.addEventListener(
      'keydown',
      (event) => window.benchKeydowns?.push(performance.timeOrigin + event.timeStamp),
      { capture: true },
    );
  });
}

/**
 * Records, in the watching page, the frame at which each new character of `selector`'s text was on
 * screen: a DOM change is noted, and its time taken in the next requestAnimationFrame, which runs
 * just before that frame is painted. arrivals[n] is when the text first had base + n + 1 characters.
 */
function recordArrivals(page: Page, selector: string): Promise<void> {
  return page.evaluate((selector) => {
    const element = document.querySelector(selector);
    if (!element) throw new Error(`No ${selector} to watch.`);
    const arrivals: number[] = [];
    window.benchArrivals = arrivals;
    const base = element.textContent?.length ?? 0;
    let seen = base;
    let waiting = 0;
    new MutationObserver(() => {
      const length = element.textContent?.length ?? 0;
      if (length <= seen) return;
      waiting += length - seen;
      seen = length;
      const count = waiting;
      waiting = 0;
      requestAnimationFrame(() => {
        const now = performance.timeOrigin + performance.now();
        for (let i = 0; i < count; i++) arrivals.push(now);
      });
    }).observe(element, { childList: true, subtree: true, characterData: true });
  }, selector);
}

async function typeAndMeasure(typist: Page, watcher: Page, selector: string, keystrokes: number): Promise<number[]> {
  await recordArrivals(watcher, selector);
  await recordKeydowns(typist);
  const text = TYPED.repeat(Math.ceil(keystrokes / TYPED.length)).slice(0, keystrokes);
  await typist.keyboard.type(text, { delay: KEY_DELAY_MS });
  await watcher.waitForFunction((count) => (window.benchArrivals?.length ?? 0) >= count, keystrokes, {
    timeout: 30_000,
  });
  const keydowns = await typist.evaluate(() => window.benchKeydowns ?? []);
  const arrivals = await watcher.evaluate(() => window.benchArrivals ?? []);
  return keydowns.slice(0, keystrokes).map((down, index) => (arrivals[index] ?? Number.NaN) - down);
}

/** The same keystrokes through a bare WebSocket relay: keydown -> send -> relay -> message -> text -> frame. */
async function bareEchoLatencies(typist: Page, watcher: Page, relayUrl: string, keystrokes: number): Promise<number[]> {
  const open = (page: Page, role: 'typist' | 'watcher') =>
    page.evaluate(
      ({ url, role }) =>
        new Promise<void>((resolve, reject) => {
          const socket = new WebSocket(url);
          window.benchRelay = socket;
          const board = document.createElement(role === 'typist' ? 'textarea' : 'div');
          board.id = 'bench-relay';
          board.setAttribute('aria-label', 'benchmark relay');
          board.style.cssText = 'position:fixed;bottom:0;left:0;width:40em;height:4em;background:#fff;z-index:9999';
          document.body.append(board);
          if (role === 'typist') {
            board.addEventListener('keydown', (event) => socket.send((event as KeyboardEvent).key));
          } else {
            socket.onmessage = (event) => board.append(String(event.data));
          }
          socket.onopen = () => resolve();
          socket.onerror = () => reject(new Error(`Could not reach the bare relay at ${url}.`));
        }),
      { url: relayUrl, role },
    );
  await open(typist, 'typist');
  await open(watcher, 'watcher');
  await typist.locator('#bench-relay').focus();
  try {
    return await typeAndMeasure(typist, watcher, '#bench-relay', keystrokes);
  } finally {
    for (const page of [typist, watcher]) {
      await page.evaluate(() => {
        window.benchRelay?.close();
        document.getElementById('bench-relay')?.remove();
      });
    }
  }
}

export async function editLatency(browser: Browser, options: BenchOptions): Promise<ResultRow[]> {
  const server = await SyncServerProcess.start();
  const relay = await BareRelayProcess.start();
  const alice = await newPerson(browser);
  const bob = await newPerson(browser);
  try {
    await signIn(alice.page, server, 'alice');
    await signIn(bob.page, server, 'bob');
    await alice.page.getByRole('button', { name: 'New case' }).click();
    await alice.page.waitForURL(/#\/case\/[0-9a-z]{24}$/);
    const caseId = /#\/case\/([0-9a-z]{24})/.exec(alice.page.url())?.[1];
    await alice.page.getByRole('textbox', { name: 'Case title', exact: true }).fill('Benchmark: edit latency');
    const notesUrl = `${server.url}/#/case/${caseId}/notes`;
    await alice.page.goto(notesUrl);
    await bob.page.goto(notesUrl);
    const notesSelector = '[contenteditable="true"][aria-label="Notes"]';
    for (const { page } of [alice, bob]) {
      await connectionStatus(page)
        .filter({ hasText: /^Synced/ })
        .waitFor({ timeout: 30_000 });
      await page.locator(notesSelector).waitFor();
    }
    // A first paragraph, so that every measured keystroke only adds a character.
    await alice.page.locator(notesSelector).click();
    await alice.page.keyboard.type('Notes: ');
    await bob.page.getByText('Notes:').waitFor();

    const app = await typeAndMeasure(alice.page, bob.page, notesSelector, options.keystrokes);
    const bare = await bareEchoLatencies(alice.page, bob.page, relay.wsUrl, options.keystrokes);
    const p50 = percentile(app, 0.5);
    const p99 = percentile(app, 0.99);
    const bareP50 = percentile(bare, 0.5);
    const bareP99 = percentile(bare, 0.99);
    return [
      {
        workload: W,
        figure: 'keystroke to other screen, p50',
        value: formatMs(p50),
        baseline: `bare ws ${formatMs(bareP50)}`,
        ratio: p50 / bareP50,
        target: '<= 16 ms',
        met: p50 <= 16,
        note: `${options.keystrokes} keystrokes, one after another as Playwright sends them, into the notes of a small case, two browser contexts, real server on loopback`,
      },
      {
        workload: W,
        figure: 'keystroke to other screen, p99',
        value: formatMs(p99),
        baseline: `bare ws ${formatMs(bareP99)}`,
        ratio: p99 / bareP99,
        target: '<= 50 ms',
        met: p99 <= 50,
      },
    ];
  } finally {
    await alice.context.close();
    await bob.context.close();
    await relay.stop();
    await server.dispose();
  }
}

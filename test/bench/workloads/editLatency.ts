import type { Browser, Page } from '@playwright/test';
import { SyncServerProcess } from '../../e2e/syncServer.js';
import { BareRelayProcess } from '../bareRelayProcess.js';
import { addPageScript, NOTES_EDITOR, newPerson, openSharedNotes } from '../benchBrowser.js';
import type { BenchOptions } from '../benchOptions.js';
import { CpuProfile, printProfile, profiling } from '../cpuProfile.js';
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
    benchSocketLog?: { sent: number[]; received: number[] };
  }
}

/**
 * Notes, in every page of a context, when a case room's socket sends or receives a document
 * update (y-websocket sync message, update step), so that a keystroke's latency splits into the
 * typist's page (keydown to send), the network and server (send to receipt) and the watcher's page
 * (receipt to frame). The listener is added before the app's own, so receipt is arrival in JS.
 */
function recordSocketUpdates(): void {
  const log = { sent: [] as number[], received: [] as number[] };
  window.benchSocketLog = log;
  const now = () => performance.timeOrigin + performance.now();
  const isUpdate = (data: unknown) => {
    const bytes =
      data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? (data as Uint8Array) : null;
    return bytes !== null && bytes[0] === 0 && bytes[1] === 2;
  };
  const Native = window.WebSocket;
  class Recording extends Native {
    private readonly caseRoom: boolean;
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.caseRoom = /\/[0-9a-z]{24}(\?|$)/.test(String(url));
      if (this.caseRoom) {
        this.addEventListener('message', (event) => {
          if (isUpdate(event.data)) log.received.push(now());
        });
      }
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (this.caseRoom && isUpdate(data)) log.sent.push(now());
      super.send(data);
    }
  }
  window.WebSocket = Recording;
}

interface Breakdown {
  typist: number[];
  transit: number[];
  watcher: number[];
  updatesSent: number;
  updatesReceived: number;
}

/**
 * Each keystroke's time in the typist's page, between the sockets, and in the watcher's page. The
 * server may relay several keystrokes as one update (those it stored in one write), so a keystroke
 * is matched with the last update the watcher received before the frame that showed it.
 */
async function breakDown(typist: Page, watcher: Page, keydowns: number[], arrivals: number[]): Promise<Breakdown> {
  const sent = await typist.evaluate(() => window.benchSocketLog?.sent ?? []);
  const received = await watcher.evaluate(() => window.benchSocketLog?.received ?? []);
  const receivedBefore = (time: number) => {
    let last = Number.NaN;
    for (const at of received) {
      if (at > time) break;
      last = at;
    }
    return last;
  };
  const pairs = keydowns.map((down, index) => {
    const arrived = arrivals[index] ?? Number.NaN;
    return { down, sent: sent[index] ?? Number.NaN, received: receivedBefore(arrived), arrived };
  });
  return {
    typist: pairs.map((pair) => pair.sent - pair.down),
    transit: pairs.map((pair) => pair.received - pair.sent),
    watcher: pairs.map((pair) => pair.arrived - pair.received),
    updatesSent: sent.length,
    updatesReceived: received.length,
  };
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

async function typeAndMeasure(
  typist: Page,
  watcher: Page,
  selector: string,
  keystrokes: number,
): Promise<{ latencies: number[]; keydowns: number[]; arrivals: number[] }> {
  await recordArrivals(watcher, selector);
  await recordKeydowns(typist);
  for (const page of [typist, watcher]) {
    await page.evaluate(() => {
      if (!window.benchSocketLog) return;
      window.benchSocketLog.sent.length = 0;
      window.benchSocketLog.received.length = 0;
    });
  }
  const text = TYPED.repeat(Math.ceil(keystrokes / TYPED.length)).slice(0, keystrokes);
  await typist.keyboard.type(text, { delay: KEY_DELAY_MS });
  await watcher.waitForFunction((count) => (window.benchArrivals?.length ?? 0) >= count, keystrokes, {
    timeout: 30_000,
  });
  const keydowns = (await typist.evaluate(() => window.benchKeydowns ?? [])).slice(0, keystrokes);
  const arrivals = await watcher.evaluate(() => window.benchArrivals ?? []);
  const latencies = keydowns.map((down, index) => (arrivals[index] ?? Number.NaN) - down);
  return { latencies, keydowns, arrivals };
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
    return (await typeAndMeasure(typist, watcher, '#bench-relay', keystrokes)).latencies;
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
  for (const { context } of [alice, bob]) await addPageScript(context, recordSocketUpdates, undefined);
  try {
    await openSharedNotes(server, alice, bob, 'Benchmark: edit latency');
    const notesSelector = NOTES_EDITOR;

    const profiles = profiling ? [await CpuProfile.start(alice.page), await CpuProfile.start(bob.page)] : [];
    const measured = await typeAndMeasure(alice.page, bob.page, notesSelector, options.keystrokes);
    const [typistProfile, watcherProfile] = profiles;
    if (typistProfile && watcherProfile) {
      printProfile(`typist's page, ${options.keystrokes} keystrokes`, await typistProfile.stop(25));
      printProfile(`watcher's page, ${options.keystrokes} keystrokes`, await watcherProfile.stop(25));
    }
    const app = measured.latencies;
    const parts = await breakDown(alice.page, bob.page, measured.keydowns, measured.arrivals);
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
      {
        workload: W,
        figure: 'p50 / p99: typist page; sockets and server; watcher page',
        value: [parts.typist, parts.transit, parts.watcher]
          .map((part) => `${formatMs(percentile(part, 0.5))} / ${formatMs(percentile(part, 0.99))}`)
          .join('; '),
        note: `keydown to the update leaving Alice's socket; to its arrival in Bob's page; to the frame showing it (${parts.updatesSent} updates sent for ${options.keystrokes} keystrokes; ${parts.updatesReceived} received, as the server relays what it stored in one write as one update)`,
      },
    ];
  } finally {
    await alice.context.close();
    await bob.context.close();
    await relay.stop();
    await server.dispose();
  }
}

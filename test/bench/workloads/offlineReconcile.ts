import type { Browser, Page } from '@playwright/test';
import { SyncServerProcess } from '../../e2e/syncServer.js';
import { connectionStatus, NOTES_EDITOR, newPerson, openSharedNotes } from '../benchBrowser.js';
import type { BenchOptions } from '../benchOptions.js';
import { CpuProfile, printProfile, profiling } from '../cpuProfile.js';
import { type LongestTask, MainThreadTrace } from '../pageTrace.js';
import type { ResultRow } from '../resultTable.js';
import { SocketTraffic } from '../socketTraffic.js';
import { formatBytes, formatMs } from '../stats.js';

const W = '4 offline reconcile';
const NOTES = NOTES_EDITOR;

declare global {
  interface Window {
    benchOnlineAt?: number;
    benchConvergedAt?: number;
    benchLongTasks?: number[];
  }
}

/**
 * Types `count` characters into the focused notes editor, each its own edit: the browser's own
 * insertText command goes through the editor's input handling as a keystroke does (beforeinput,
 * one Lexical update, one Yjs transaction, one IndexedDB write), and the page yields to its event
 * loop between characters, as between a person's keystrokes. Playwright's keyboard would take
 * minutes for 10,000 characters.
 */
function typeOffline(page: Page, count: number, letters: string): Promise<void> {
  return page.evaluate(
    async ({ count, letters }) => {
      const yieldToEventLoop = () =>
        new Promise<void>((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(null);
        });
      for (let i = 0; i < count; i++) {
        document.execCommand('insertText', false, letters[i % letters.length]);
        await yieldToEventLoop();
      }
    },
    { count, letters },
  );
}

/** Notes in the page when the notes text reaches `length` (frame time), and when the page came online. */
function watchReconcile(page: Page, length: number): Promise<void> {
  return page.evaluate(
    ({ length, selector }) => {
      const notes = document.querySelector(selector);
      if (!notes) throw new Error('The notes editor is not open.');
      window.benchLongTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.benchLongTasks?.push(entry.duration);
      }).observe({ type: 'longtask' });
      window.addEventListener('online', (event) => {
        window.benchOnlineAt = performance.timeOrigin + event.timeStamp;
      });
      const observer = new MutationObserver(() => {
        if ((notes.textContent?.length ?? 0) < length) return;
        observer.disconnect();
        requestAnimationFrame(() => {
          window.benchConvergedAt = performance.timeOrigin + performance.now();
        });
      });
      observer.observe(notes, { childList: true, subtree: true, characterData: true });
    },
    { length, selector: NOTES },
  );
}

const NOT_FOUND: LongestTask = { wallMs: Number.NaN, cpuMs: Number.NaN };

/** Wall time, and the CPU time the page's thread got in it: far less CPU than wall means it waited for a core. */
function formatTask(task: LongestTask): string {
  return `${formatMs(task.wallMs)} (CPU ${formatMs(task.cpuMs)})`;
}

async function notesText(page: Page): Promise<string> {
  return (await page.locator(NOTES).textContent()) ?? '';
}

export async function offlineReconcile(browser: Browser, options: BenchOptions): Promise<ResultRow[]> {
  const ops = options.offlineOps;
  const server = await SyncServerProcess.start();
  const alice = await newPerson(browser);
  const bob = await newPerson(browser);
  try {
    await openSharedNotes(server, alice, bob, 'Benchmark: offline reconcile');

    for (const { context, page } of [alice, bob]) {
      await context.setOffline(true);
      await connectionStatus(page)
        .filter({ hasText: /^Offline/ })
        .waitFor();
    }
    // Alice writes at the end of the notes, Bob at the start: both in the same paragraph.
    await alice.page.locator(NOTES).click();
    await alice.page.keyboard.press('ControlOrMeta+End');
    await bob.page.locator(NOTES).click();
    await bob.page.keyboard.press('ControlOrMeta+Home');
    const typingStarted = performance.now();
    await Promise.all([typeOffline(alice.page, ops, 'alice '), typeOffline(bob.page, ops, 'bob ')]);
    const typingMs = performance.now() - typingStarted;
    // Let both finish writing their edits to IndexedDB before anything else runs.
    await alice.page.waitForTimeout(1_000);
    await alice.page.locator(NOTES).blur();
    await bob.page.locator(NOTES).blur();

    const expected = (await notesText(alice.page)).length + ops;
    for (const { page } of [alice, bob]) await watchReconcile(page, expected);
    const traffic = [await SocketTraffic.watch(alice.page), await SocketTraffic.watch(bob.page)];

    // Bob reconnects first: his 10,000 edits go to the server; the longest task is his.
    let trace = await MainThreadTrace.start(browser, [bob.page]);
    await bob.context.setOffline(false);
    await connectionStatus(bob.page)
      .filter({ hasText: /^Synced/ })
      .waitFor({ timeout: 60_000 });
    await bob.page.waitForTimeout(500);
    const bobReconnecting = (await trace.stop()).get(bob.page) ?? NOT_FOUND;

    // Then Alice: her edits go up and reach Bob's open case; Bob's reach her.
    for (const each of traffic) each.reset();
    trace = await MainThreadTrace.start(browser, [alice.page, bob.page]);
    const profiles = profiling ? [await CpuProfile.start(alice.page), await CpuProfile.start(bob.page)] : [];
    await alice.context.setOffline(false);
    for (const { page } of [alice, bob]) {
      await page.waitForFunction(() => window.benchConvergedAt !== undefined, undefined, { timeout: 60_000 });
    }
    await alice.page.waitForTimeout(500);
    const longest = await trace.stop();
    const [aliceProfile, bobReceivingProfile] = profiles;
    if (aliceProfile) printProfile('Alice reconnecting', await aliceProfile.stop());
    if (bobReceivingProfile) printProfile('Bob receiving', await bobReceivingProfile.stop());
    const onlineAt = (await alice.page.evaluate(() => window.benchOnlineAt)) ?? Number.NaN;
    const convergedAt = Math.max(
      ...(await Promise.all([alice.page, bob.page].map((page) => page.evaluate(() => window.benchConvergedAt ?? 0)))),
    );
    const [aliceText, bobText] = [await notesText(alice.page), await notesText(bob.page)];
    const bytes = traffic.reduce((sum, each) => sum + each.sent, 0);
    const received = traffic.reduce((sum, each) => sum + each.received, 0);
    for (const each of traffic) await each.stop();
    const longTasks = await Promise.all(
      [alice.page, bob.page].map((page) => page.evaluate(() => window.benchLongTasks ?? [])),
    );

    const converged = convergedAt - onlineAt;
    const aliceLongest = longest.get(alice.page) ?? NOT_FOUND;
    const bobReceiving = longest.get(bob.page) ?? NOT_FOUND;
    const over50 = longTasks.flat().filter((duration) => duration > 50).length;
    return [
      {
        workload: W,
        figure: 'reconnect to both converged',
        value: formatMs(converged),
        target: '<= 300 ms',
        met: converged <= 300 && aliceText === bobText,
        note:
          `${ops} characters typed offline by each of two people into one notes paragraph (${formatMs(typingMs)} to type); ` +
          `Bob reconnects first, then Alice: converged when both pages show all ${expected} characters` +
          (aliceText === bobText ? '' : '; THE TWO PAGES DIFFER'),
      },
      {
        workload: W,
        figure: 'bytes sent on reconnect (both)',
        value: formatBytes(bytes),
        baseline: `received ${formatBytes(received)}`,
      },
      {
        workload: W,
        figure: 'longest task, side reconnecting (Bob)',
        value: formatTask(bobReconnecting),
        target: '<= 50 ms',
        met: bobReconnecting.wallMs <= 50,
      },
      {
        workload: W,
        figure: 'longest task, side reconnecting (Alice)',
        value: formatTask(aliceLongest),
        target: '<= 50 ms',
        met: aliceLongest.wallMs <= 50,
      },
      {
        workload: W,
        figure: 'longest task, case open, edits arriving (Bob)',
        value: formatTask(bobReceiving),
        target: '<= 50 ms',
        met: bobReceiving.wallMs <= 50,
        note: `${over50} long task(s) over 50 ms reported by the Long Tasks API in the two pages`,
      },
    ];
  } finally {
    await alice.context.close();
    await bob.context.close();
    await server.dispose();
  }
}

import type { Browser, Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  /** Thread (CPU) time of the event, in µs; `dur` is wall time, which also counts time the thread waited for a core. */
  tdur?: number;
  args?: { name?: string; data?: { message?: string } };
}

/** A page's longest main-thread task: its wall time, and the CPU time its thread got meanwhile. */
export interface LongestTask {
  wallMs: number;
  cpuMs: number;
}

const markOf = (index: number) => `casefile-bench-page-${index}`;

/**
 * The longest main-thread task of each page while tracing ran, from Chromium's own trace (the
 * `RunTask` events on each renderer's main thread): unlike the Long Tasks API, it also gives a
 * figure when no task reached 50 ms. Each page stamps the trace once (console.timeStamp), which
 * tells which renderer process is that page's.
 */
export class MainThreadTrace {
  private constructor(
    private readonly browser: Browser,
    private readonly pages: Page[],
  ) {}

  static async start(browser: Browser, pages: Page[]): Promise<MainThreadTrace> {
    await browser.startTracing(undefined, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
    });
    for (const [index, page] of pages.entries()) await page.evaluate((mark) => console.timeStamp(mark), markOf(index));
    return new MainThreadTrace(browser, pages);
  }

  /** Stops tracing; the longest task per page (NaN when its renderer could not be found). */
  async stop(): Promise<Map<Page, LongestTask>> {
    const trace = JSON.parse((await this.browser.stopTracing()).toString('utf8')) as
      | { traceEvents: TraceEvent[] }
      | TraceEvent[];
    const events = Array.isArray(trace) ? trace : trace.traceEvents;
    const pidOfMark = new Map<string, number>();
    const mainThreads = new Set<string>();
    for (const event of events) {
      const message = event.args?.data?.message;
      if (event.name === 'TimeStamp' && message) pidOfMark.set(message, event.pid);
      if (event.name === 'thread_name' && event.args?.name === 'CrRendererMain') {
        mainThreads.add(`${event.pid}:${event.tid}`);
      }
    }
    const longest = new Map<number, LongestTask>();
    for (const event of events) {
      if (event.name !== 'RunTask' || event.ph !== 'X' || event.dur === undefined) continue;
      if (!mainThreads.has(`${event.pid}:${event.tid}`)) continue;
      const wallMs = event.dur / 1000;
      if (wallMs > (longest.get(event.pid)?.wallMs ?? -1)) {
        longest.set(event.pid, { wallMs, cpuMs: (event.tdur ?? Number.NaN) / 1000 });
      }
    }
    const result = new Map<Page, LongestTask>();
    for (const [index, page] of this.pages.entries()) {
      const pid = pidOfMark.get(markOf(index));
      const none = { wallMs: 0, cpuMs: 0 };
      result.set(page, pid === undefined ? { wallMs: Number.NaN, cpuMs: Number.NaN } : (longest.get(pid) ?? none));
    }
    return result;
  }
}

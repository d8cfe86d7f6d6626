import { describe, expect, it } from 'vitest';
import {
  type CaptureBrowser,
  type CapturePageEvent,
  createWebCapturer,
  type OpenCaptureBrowser,
  type WebCaptureTimings,
} from './webCapture.js';
import { WebCaptureError } from './webCaptureError.js';

// Electron cannot run on the machines that run these tests, so the capture sequence is driven
// here by a scripted stand-in for the small CaptureBrowser interface: the one place a fake is
// used. The real hidden window is covered by test/electron/webCapture.spec.ts, and the real
// Chromium screenshot/MHTML formats by webCaptureChromium.test.ts.

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const MHTML = new TextEncoder().encode(
  'From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="b"\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>hi</p>\r\n--b--\r\n',
);
const FAST: Partial<WebCaptureTimings> = { loadTimeoutMs: 300, settleMs: 20, stepTimeoutMs: 150 };
const NOW = new Date('2026-03-04T05:06:07.089Z');
const never = <T>() => new Promise<T>(() => {});

interface Script {
  /** Runs when the page is asked to load: emit events, move the address. */
  onLoad?: (page: { emit(event: CapturePageEvent): void; goTo(url: string): void }) => void;
  screenshot?: () => Promise<Uint8Array>;
  snapshot?: () => Promise<Uint8Array>;
  dispose?: () => Promise<void>;
  title?: string;
}

function scripted(script: Script) {
  const calls: string[] = [];
  let opened = 0;
  const open: OpenCaptureBrowser = async (onEvent) => {
    opened += 1;
    let url = 'about:blank';
    const browser: CaptureBrowser = {
      load(requested) {
        calls.push(`load ${requested}`);
        url = requested;
        // Events arrive later, as from a real browser.
        setTimeout(() =>
          script.onLoad?.({
            emit: (event) => onEvent(event),
            goTo: (next) => {
              url = next;
            },
          }),
        );
      },
      currentUrl: () => url,
      title: () => script.title ?? 'A page',
      screenshotPng: () => {
        calls.push('screenshot');
        return script.screenshot ? script.screenshot() : Promise.resolve(PNG);
      },
      snapshotMhtml: () => {
        calls.push('snapshot');
        return script.snapshot ? script.snapshot() : Promise.resolve(MHTML);
      },
      dispose: () => {
        calls.push('dispose');
        return script.dispose ? script.dispose() : Promise.resolve();
      },
    };
    return browser;
  };
  return { open, calls, opened: () => opened };
}

const loadsAt = (finalUrl: string) => (page: Parameters<NonNullable<Script['onLoad']>>[0]) => {
  page.goTo(finalUrl);
  page.emit({ type: 'load-finished' });
};

describe('createWebCapturer', () => {
  it('loads, waits for the page to settle, then takes the screenshot and the snapshot, and cleans up', async () => {
    const browser = scripted({ onLoad: loadsAt('https://example.org/a'), title: 'Example' });
    const capture = createWebCapturer({ openBrowser: browser.open, timings: FAST, now: () => NOW });
    const result = await capture('  https://EXAMPLE.org/a ');
    expect(browser.calls).toEqual(['load https://example.org/a', 'screenshot', 'snapshot', 'dispose']);
    expect(result).toEqual({
      requestedUrl: 'https://example.org/a',
      finalUrl: 'https://example.org/a',
      redirects: [],
      title: 'Example',
      capturedAt: '2026-03-04T05:06:07.089Z',
      screenshot: { bytes: PNG, mime: 'image/png' },
      snapshot: { bytes: MHTML, mime: 'multipart/related' },
    });
  });

  it('records server redirects and reports the address the page ended at', async () => {
    const browser = scripted({
      onLoad: (page) => {
        page.emit({ type: 'navigation-started', url: 'http://example.org/short' });
        page.emit({ type: 'redirected', url: 'https://example.org/short' });
        page.emit({ type: 'redirected', url: 'https://www.example.org/article/1' });
        page.goTo('https://www.example.org/article/1');
        page.emit({ type: 'load-finished' });
      },
    });
    const capture = createWebCapturer({ openBrowser: browser.open, timings: FAST });
    const result = await capture('http://example.org/short');
    expect(result.finalUrl).toBe('https://www.example.org/article/1');
    expect(result.redirects).toEqual(['https://example.org/short', 'https://www.example.org/article/1']);
  });

  it('follows a script redirect that starts while the first page settles, and captures the second page', async () => {
    const browser = scripted({
      onLoad: (page) => {
        page.emit({ type: 'load-finished' });
        setTimeout(() => {
          page.emit({ type: 'navigation-started', url: 'https://example.org/next' });
          page.goTo('https://example.org/next');
          // The second document takes longer than the settle time to load.
          setTimeout(() => page.emit({ type: 'load-finished' }), 60);
        }, 5);
      },
    });
    const capture = createWebCapturer({ openBrowser: browser.open, timings: FAST });
    const result = await capture('https://example.org/');
    expect(result.finalUrl).toBe('https://example.org/next');
    expect(result.redirects).toEqual(['https://example.org/next']);
    expect(browser.calls).toEqual(['load https://example.org/', 'screenshot', 'snapshot', 'dispose']);
  });

  it('gives up with a clear error when the page does not finish loading in time, and still cleans up', async () => {
    const browser = scripted({
      onLoad: (page) => page.emit({ type: 'navigation-started', url: 'https://slow.example/' }),
    });
    const capture = createWebCapturer({ openBrowser: browser.open, timings: FAST });
    const started = Date.now();
    await expect(capture('https://slow.example/')).rejects.toThrow(
      /^The page at https:\/\/slow\.example\/ did not finish loading within 0\.3 seconds\. Nothing was captured/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(browser.calls).toEqual(['load https://slow.example/', 'dispose']);
  });

  it('never settles on a page that keeps navigating, and times out', async () => {
    const browser = scripted({
      onLoad: (page) => {
        let n = 0;
        const again = () => {
          page.emit({ type: 'load-finished' });
          setTimeout(() => {
            page.emit({ type: 'navigation-started', url: `https://loop.example/${++n}` });
            again();
          }, 5);
        };
        again();
      },
    });
    const capture = createWebCapturer({ openBrowser: browser.open, timings: FAST });
    await expect(capture('https://loop.example/')).rejects.toThrow(/did not finish loading/);
    expect(browser.calls).toEqual(['load https://loop.example/', 'dispose']);
  });

  it('reports a failed load with the browser’s reason', async () => {
    const browser = scripted({
      onLoad: (page) =>
        page.emit({
          type: 'load-failed',
          url: 'https://nowhere.invalid/',
          code: -105,
          description: 'ERR_NAME_NOT_RESOLVED',
        }),
    });
    const capture = createWebCapturer({ openBrowser: browser.open, timings: FAST });
    const error = await capture('https://nowhere.invalid/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebCaptureError);
    expect((error as Error).message).toBe(
      'Could not load https://nowhere.invalid/: ERR_NAME_NOT_RESOLVED (-105). Nothing was captured; check the address and the connection, then try again.',
    );
    expect(browser.calls).toEqual(['load https://nowhere.invalid/', 'dispose']);
  });

  it('fails fast on a download, a redirect to another scheme, or a crashed page', async () => {
    const cases: Array<[CapturePageEvent, RegExp]> = [
      [{ type: 'download-refused', url: 'https://example.org/report.zip' }, /is a file to download, not a page/],
      [{ type: 'redirect-blocked', url: 'file:///etc/passwd' }, /redirect to "file:\/\/\/etc\/passwd".*was stopped/],
      [{ type: 'renderer-gone', reason: 'crashed' }, /The page crashed while loading \(crashed\)/],
    ];
    for (const [event, message] of cases) {
      const browser = scripted({ onLoad: (page) => page.emit(event) });
      const capture = createWebCapturer({ openBrowser: browser.open, timings: { ...FAST, loadTimeoutMs: 5_000 } });
      const started = Date.now();
      await expect(capture('https://example.org/')).rejects.toThrow(message);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(browser.calls).toEqual(['load https://example.org/', 'dispose']);
    }
  });

  it('refuses a page that ended somewhere other than the web', async () => {
    const browser = scripted({ onLoad: loadsAt('chrome-error://chromewebdata/') });
    const capture = createWebCapturer({ openBrowser: browser.open, timings: FAST });
    await expect(capture('https://example.org/')).rejects.toThrow(/ended at "chrome-error:\/\/chromewebdata\/"/);
    expect(browser.calls).toEqual(['load https://example.org/', 'dispose']);
  });

  it('turns a failing or hanging screenshot into a clear error, skips the snapshot and cleans up', async () => {
    const failing = scripted({
      onLoad: loadsAt('https://example.org/'),
      screenshot: () => Promise.reject(new Error('GPU lost')),
    });
    await expect(
      createWebCapturer({ openBrowser: failing.open, timings: FAST })('https://example.org/'),
    ).rejects.toThrow(
      'Taking the screenshot of https://example.org/ failed: GPU lost. Nothing was captured; try again.',
    );
    expect(failing.calls).toEqual(['load https://example.org/', 'screenshot', 'dispose']);

    const hanging = scripted({ onLoad: loadsAt('https://example.org/'), screenshot: never });
    await expect(
      createWebCapturer({ openBrowser: hanging.open, timings: FAST })('https://example.org/'),
    ).rejects.toThrow(
      'Taking the screenshot of https://example.org/ took longer than 0.2 seconds and was stopped. Nothing was captured; try again.',
    );
    expect(hanging.calls).toEqual(['load https://example.org/', 'screenshot', 'dispose']);
  });

  it('turns a hanging snapshot into a clear error and cleans up', async () => {
    const browser = scripted({ onLoad: loadsAt('https://example.org/'), snapshot: never });
    await expect(
      createWebCapturer({ openBrowser: browser.open, timings: FAST })('https://example.org/'),
    ).rejects.toThrow(/^Saving the page snapshot of https:\/\/example\.org\/ took longer than/);
    expect(browser.calls).toEqual(['load https://example.org/', 'screenshot', 'snapshot', 'dispose']);
  });

  it('refuses files that are not what they claim to be', async () => {
    const notPng = scripted({ onLoad: loadsAt('https://example.org/'), screenshot: async () => MHTML });
    await expect(
      createWebCapturer({ openBrowser: notPng.open, timings: FAST })('https://example.org/'),
    ).rejects.toThrow(/not a PNG image/);
    const notMhtml = scripted({ onLoad: loadsAt('https://example.org/'), snapshot: async () => PNG });
    await expect(
      createWebCapturer({ openBrowser: notMhtml.open, timings: FAST })('https://example.org/'),
    ).rejects.toThrow(/not an MHTML file/);
    expect(notMhtml.calls.at(-1)).toBe('dispose');
  });

  it('refuses a bad address before any browser is opened', async () => {
    const browser = scripted({ onLoad: loadsAt('https://example.org/') });
    const capture = createWebCapturer({ openBrowser: browser.open, timings: FAST });
    for (const [url, message] of [
      ['', /Enter the address/],
      ['example.org', /not a complete web address/],
      ['file:///etc/passwd', /Only web pages \(https:\/\/ or http:\/\/\) can be captured; "file:"/],
      ['javascript:alert(1)', /"javascript:" addresses cannot/],
      ['casefile://app/index.html', /"casefile:" addresses cannot/],
      ['https://user:secret@example.org/', /Remove the user name and password/],
    ] as const) {
      await expect(capture(url)).rejects.toThrow(message);
    }
    expect(browser.opened()).toBe(0);
    expect(browser.calls).toEqual([]);
  });

  it('opens nothing to clean up when the browser cannot be opened', async () => {
    const capture = createWebCapturer({
      openBrowser: () => Promise.reject(new Error('no display')),
      timings: FAST,
    });
    await expect(capture('https://example.org/')).rejects.toThrow('no display');
  });

  it('keeps a finished capture when cleaning up fails, and reports the cleanup failure', async () => {
    const reported: unknown[] = [];
    const browser = scripted({
      onLoad: loadsAt('https://example.org/'),
      dispose: () => Promise.reject(new Error('storage busy')),
    });
    const capture = createWebCapturer({
      openBrowser: browser.open,
      timings: FAST,
      onCleanupError: (error) => reported.push(error),
    });
    await expect(capture('https://example.org/')).resolves.toMatchObject({ finalUrl: 'https://example.org/' });
    expect(reported).toEqual([new Error('storage busy')]);
  });

  it('keeps the capture’s own error when cleaning up after it fails too', async () => {
    const reported: unknown[] = [];
    const browser = scripted({
      onLoad: (page) => page.emit({ type: 'renderer-gone', reason: 'oom' }),
      dispose: () => Promise.reject(new Error('storage busy')),
    });
    const capture = createWebCapturer({
      openBrowser: browser.open,
      timings: FAST,
      onCleanupError: (error) => reported.push(error),
    });
    await expect(capture('https://example.org/')).rejects.toThrow(/crashed while loading \(oom\)/);
    expect(reported).toHaveLength(1);
  });

  it('limits how many captures run at once, and frees the slot afterwards', async () => {
    const browser = scripted({ onLoad: (page) => setTimeout(() => loadsAt('https://example.org/')(page), 50) });
    const capture = createWebCapturer({ openBrowser: browser.open, timings: FAST, maxConcurrent: 1 });
    const first = capture('https://example.org/');
    await expect(capture('https://example.org/')).rejects.toThrow(
      'Casefile is already capturing 1 page; wait for one to finish, then try again.',
    );
    await expect(first).resolves.toMatchObject({ finalUrl: 'https://example.org/' });
    await expect(capture('https://example.org/')).resolves.toMatchObject({ finalUrl: 'https://example.org/' });
    expect(browser.opened()).toBe(2);
  });
});

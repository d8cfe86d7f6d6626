import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { chromiumPath, HEADLESS_CHROMIUM_ARGS } from '@casefile/dossier/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMhtml, isPng } from './webCaptureBytes.js';
import { planFullPageClip, screenshotBytes } from './webCaptureScreenshot.js';

// The screenshot recipe of the capture window (Page.getLayoutMetrics -> planFullPageClip ->
// Page.captureScreenshot with captureBeyondViewport) and the PNG/MHTML checks, run against the
// real Chromium installed here through its DevTools pipe. Electron is the same Chromium; only its
// hidden window is left to test/electron/webCapture.spec.ts.

const chromiumExecutable = chromiumPath();
const PAGE_HEIGHT = 3000;

/** A minimal DevTools Protocol client over --remote-debugging-pipe (fd 3 in, fd 4 out, NUL-separated JSON). */
class PipeClient {
  private nextId = 1;
  private buffered = '';
  private pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private waiters: Array<{ method: string; sessionId: string; resolve(): void }> = [];

  constructor(
    private readonly input: Writable,
    output: Readable,
  ) {
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      this.buffered += chunk;
      let end = this.buffered.indexOf('\0');
      while (end !== -1) {
        this.receive(JSON.parse(this.buffered.slice(0, end)));
        this.buffered = this.buffered.slice(end + 1);
        end = this.buffered.indexOf('\0');
      }
    });
  }

  send(method: string, params: object = {}, sessionId?: string): Promise<unknown> {
    const id = this.nextId++;
    this.input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  once(method: string, sessionId: string): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ method, sessionId, resolve }));
  }

  private receive(message: {
    id?: number;
    result?: unknown;
    error?: { message: string };
    method?: string;
    sessionId?: string;
  }) {
    if (message.id !== undefined) {
      const call = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) call?.reject(new Error(message.error.message));
      else call?.resolve(message.result);
      return;
    }
    this.waiters = this.waiters.filter((waiter) => {
      if (waiter.method !== message.method || waiter.sessionId !== message.sessionId) return true;
      waiter.resolve();
      return false;
    });
  }
}

let server: Server;
let pageUrl: string;
let chromium: ChildProcess;
let profileDir: string;
let cdp: PipeClient | undefined;

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><html><head><title>Casefile capture fixture</title></head>` +
        `<body style="margin:0"><div style="height:${PAGE_HEIGHT}px;background:linear-gradient(#c00,#00c)">` +
        `<h1 style="margin:0">Casefile capture fixture — Проверка</h1></div></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/article`;

  profileDir = await mkdtemp(join(tmpdir(), 'casefile-chromium-'));
  chromium = spawn(
    chromiumExecutable,
    [
      '--headless',
      ...HEADLESS_CHROMIUM_ARGS,
      '--hide-scrollbars',
      '--window-size=1280,800',
      '--remote-debugging-pipe',
      `--user-data-dir=${profileDir}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    chromium.once('spawn', resolve);
    chromium.once('error', (error) =>
      reject(new Error(`Could not start Chromium at ${chromiumExecutable} (set CHROMIUM_PATH): ${error.message}`)),
    );
  });
  cdp = new PipeClient(chromium.stdio[3] as Writable, chromium.stdio[4] as Readable);
}, 30_000);

afterAll(async () => {
  // Chromium writes its profile until it has exited: wait for that before removing it.
  if (cdp) {
    const exited = new Promise((resolve) => {
      if (chromium.exitCode !== null || chromium.signalCode !== null) resolve(null);
      else chromium.once('exit', resolve);
    });
    void cdp.send('Browser.close').catch(() => {});
    const forced = setTimeout(() => chromium.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(forced);
  }
  await rm(profileDir, { recursive: true, force: true, maxRetries: 5 });
  await new Promise((resolve) => server?.close(resolve));
});

function client(): PipeClient {
  if (!cdp) throw new Error('Chromium is not running.');
  return cdp;
}

async function openPage(url: string): Promise<string> {
  const { targetId } = (await client().send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
  const { sessionId } = (await client().send('Target.attachToTarget', { targetId, flatten: true })) as {
    sessionId: string;
  };
  await client().send('Page.enable', {}, sessionId);
  const loaded = client().once('Page.loadEventFired', sessionId);
  await client().send('Page.navigate', { url }, sessionId);
  await loaded;
  return sessionId;
}

describe('the full-page screenshot recipe in real Chromium', () => {
  it('captures the whole page beyond the viewport as a PNG of the planned size', async () => {
    const sessionId = await openPage(pageUrl);
    const plan = planFullPageClip(await client().send('Page.getLayoutMetrics', {}, sessionId));
    expect(plan.truncated).toBe(false);
    expect(plan.clip.height).toBe(PAGE_HEIGHT);
    const png = screenshotBytes(
      await client().send(
        'Page.captureScreenshot',
        { format: 'png', captureBeyondViewport: true, fromSurface: true, clip: plan.clip },
        sessionId,
      ),
    );
    expect(isPng(png)).toBe(true);
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect(view.getUint32(16)).toBe(Math.round(plan.clip.width * plan.devicePixelRatio));
    expect(view.getUint32(20)).toBe(Math.round(PAGE_HEIGHT * plan.devicePixelRatio));
    expect(view.getUint32(20)).toBeGreaterThan(800); // more than the viewport
  }, 30_000);

  it('recognises Chromium’s MHTML and not its PNG, and the other way round', async () => {
    const sessionId = await openPage(pageUrl);
    const { data } = (await client().send('Page.captureSnapshot', { format: 'mhtml' }, sessionId)) as { data: string };
    const mhtml = new TextEncoder().encode(data);
    expect(isMhtml(mhtml)).toBe(true);
    expect(isPng(mhtml)).toBe(false);
    expect(data).toContain('Casefile capture fixture');
    const png = screenshotBytes(await client().send('Page.captureScreenshot', { format: 'png' }, sessionId));
    expect(isPng(png)).toBe(true);
    expect(isMhtml(png)).toBe(false);
  }, 30_000);
});

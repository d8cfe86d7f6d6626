import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';

const appDir = fileURLToPath(new URL('../../apps/desktop', import.meta.url));
const PAGE_HEIGHT = 3000;

interface CaptureBridge {
  captureWebPage(args: { url: string }): Promise<{
    finalUrl: string;
    title: string;
    capturedAt: string;
    screenshot: { bytes: Uint8Array; mime: string };
    snapshot: { bytes: Uint8Array; mime: string };
  }>;
}

test('web capture: a hidden window of its own captures a full-page PNG and MHTML after redirects', async () => {
  const requests: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  const server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers });
    if (request.url === '/start') {
      response.writeHead(302, { Location: '/article' }).end();
    } else if (request.url === '/article') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(
        `<!doctype html><html><head><title>Casefile capture fixture</title></head>
        <body style="margin:0"><div style="height:${PAGE_HEIGHT}px;background:linear-gradient(#c00,#00c)">
        <h1 style="margin:0">Casefile capture fixture — Проверка</h1></div>
        <script>document.cookie = 'seen=1; path=/'; localStorage.setItem('seen', '1');</script></body></html>`,
      );
    } else if (request.url === '/report.zip') {
      response
        .writeHead(200, {
          'Content-Type': 'application/zip',
          'Content-Disposition': 'attachment; filename="report.zip"',
        })
        .end('PK');
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const app = await electron.launch({ args: [appDir] });
  try {
    const window = await app.firstWindow();
    await window.waitForFunction(() => 'casefile' in globalThis);

    const summary = await window.evaluate(async (url) => {
      const bridge = (globalThis as unknown as { casefile: CaptureBridge }).casefile;
      const capture = await bridge.captureWebPage({ url });
      const png = capture.screenshot.bytes;
      const ihdr = new DataView(png.buffer, png.byteOffset, png.byteLength);
      return {
        finalUrl: capture.finalUrl,
        title: capture.title,
        capturedAt: capture.capturedAt,
        screenshotMime: capture.screenshot.mime,
        snapshotMime: capture.snapshot.mime,
        pngSignature: Array.from(png.subarray(0, 8)),
        pngWidth: ihdr.getUint32(16),
        pngHeight: ihdr.getUint32(20),
        pngOwnsItsBuffer: png.byteOffset === 0 && png.buffer.byteLength === png.byteLength,
        mhtmlHeader: new TextDecoder('latin1').decode(capture.snapshot.bytes.subarray(0, 2048)),
        mhtml: new TextDecoder().decode(capture.snapshot.bytes),
      };
    }, `${base}/start`);

    expect(summary.finalUrl).toBe(`${base}/article`);
    expect(summary.title).toBe('Casefile capture fixture');
    expect(summary.capturedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(summary.capturedAt) - Date.now())).toBeLessThan(60_000);
    expect(summary.screenshotMime).toBe('image/png');
    expect(summary.pngSignature).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(summary.pngHeight).toBeGreaterThanOrEqual(PAGE_HEIGHT); // the whole page, not the 800 px viewport
    expect(summary.pngWidth).toBeGreaterThanOrEqual(1280);
    expect(summary.pngOwnsItsBuffer).toBe(true);
    expect(summary.snapshotMime).toBe('multipart/related');
    expect(summary.mhtmlHeader).toMatch(/^From: <Saved by Blink>\r?\n/);
    expect(summary.mhtmlHeader).toMatch(/^Content-Type: multipart\/related;/m);
    expect(summary.mhtml).toContain('Casefile capture fixture');
    // The redirect was followed by the capture window, which presented itself as Chrome.
    expect(requests.map((r) => r.url)).toEqual(expect.arrayContaining(['/start', '/article']));
    const userAgent = requests.find((r) => r.url === '/article')?.headers['user-agent'] ?? '';
    expect(userAgent).toMatch(/Chrome\//);
    expect(userAgent).not.toMatch(/Electron|casefile/i);

    // The capture window is gone, and what the page stored stayed in its own session.
    const after = await app.evaluate(async ({ BrowserWindow, session }, url) => {
      return {
        windows: BrowserWindow.getAllWindows().length,
        appCookies: (await session.defaultSession.cookies.get({ url })).length,
      };
    }, base);
    expect(after).toEqual({ windows: 1, appCookies: 0 });

    // A bad address is refused before any window opens; a download is refused, not saved.
    const outcome = (url: string) =>
      window.evaluate(
        (u) =>
          (globalThis as unknown as { casefile: CaptureBridge }).casefile.captureWebPage({ url: u }).then(
            () => 'captured',
            (error: Error) => error.message,
          ),
        url,
      );
    expect(await outcome('file:///etc/passwd')).toMatch(/Only web pages \(https:\/\/ or http:\/\/\) can be captured/);
    expect(await outcome('javascript:alert(1)')).toMatch(/"javascript:" addresses cannot/);
    expect(await outcome(`${base}/report.zip`)).toMatch(/is a file to download, not a page/);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  } finally {
    await app.close();
    await new Promise((resolve) => server.close(resolve));
  }
});

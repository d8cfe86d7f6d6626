import { describe, expect, it, vi } from 'vitest';
import { type BridgeResult, bridgeContract, checkCaptureUrl, MAX_CAPTURE_URL_LENGTH } from '../shared/bridge.js';
import { isAppUrl } from './appOrigin.js';
import { BridgeRequestRefused, guardBridgeHandler } from './bridgeHandlers.js';

const fromApp = { senderFrame: { url: 'casefile://app/index.html#/case/abc' } };
const isTrusted = (url: string) => isAppUrl(url);

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]);
const mhtml = new TextEncoder().encode('From: <Saved by Blink>\r\nContent-Type: multipart/related;\r\n\r\n');
const capture: BridgeResult<'captureWebPage'> = {
  finalUrl: 'https://example.org/final',
  title: 'Final',
  capturedAt: '2026-03-04T05:06:07.089Z',
  screenshot: { bytes: png, mime: 'image/png' },
  snapshot: { bytes: mhtml, mime: 'multipart/related' },
};

describe('checkCaptureUrl', () => {
  it('accepts http and https addresses, in canonical form', () => {
    expect(checkCaptureUrl('https://example.org/a?b=1#c')).toEqual({ ok: true, url: 'https://example.org/a?b=1#c' });
    expect(checkCaptureUrl('  HTTP://Example.ORG:80/path ')).toEqual({ ok: true, url: 'http://example.org/path' });
    expect(checkCaptureUrl('https://пример.рф/статья')).toEqual({
      ok: true,
      url: 'https://xn--e1afmkfd.xn--p1ai/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F',
    });
    expect(checkCaptureUrl('http://127.0.0.1:8080/')).toEqual({ ok: true, url: 'http://127.0.0.1:8080/' });
  });

  it('refuses everything else with a sentence saying what to do', () => {
    const problem = (url: string) => {
      const check = checkCaptureUrl(url);
      return check.ok ? null : check.problem;
    };
    expect(problem('   ')).toBe('Enter the address of the page to capture.');
    expect(problem('example.org/page')).toBe(
      '"example.org/page" is not a complete web address. Enter it with https:// or http:// at the start.',
    );
    expect(problem('ftp://example.org/')).toBe(
      'Only web pages (https:// or http://) can be captured; "ftp:" addresses cannot.',
    );
    expect(problem('data:text/html,<p>hi')).toMatch(/"data:" addresses cannot/);
    expect(problem('https://a:b@example.org/')).toMatch(/Remove the user name and password/);
    expect(problem(`https://example.org/${'a'.repeat(MAX_CAPTURE_URL_LENGTH)}`)).toMatch(/longer than 8192 characters/);
  });
});

describe('the captureWebPage bridge entry', () => {
  it('hands the handler the canonical address and strips unknown keys', async () => {
    const handler = vi.fn(() => capture);
    const listener = guardBridgeHandler('captureWebPage', handler, isTrusted);
    await expect(listener(fromApp, { url: ' https://Example.org ', cookies: 'x' })).resolves.toEqual(capture);
    expect(handler).toHaveBeenCalledWith({ url: 'https://example.org/' });
  });

  it('refuses a bad address, or a call from outside the app, before the handler (and any window) runs', async () => {
    const handler = vi.fn(() => capture);
    const listener = guardBridgeHandler('captureWebPage', handler, isTrusted);
    await expect(listener(fromApp, { url: 'file:///etc/passwd' })).rejects.toThrow(
      'captureWebPage was called with invalid arguments (at url): Only web pages (https:// or http://) can be captured; "file:" addresses cannot.',
    );
    await expect(listener(fromApp, { url: 42 })).rejects.toThrow(BridgeRequestRefused);
    await expect(listener(fromApp, undefined)).rejects.toThrow(BridgeRequestRefused);
    await expect(
      listener({ senderFrame: { url: 'https://evil.example/' } }, { url: 'https://example.org/' }),
    ).rejects.toThrow(/outside the Casefile app/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses to hand back a result outside the contract', async () => {
    for (const bad of [
      { ...capture, capturedAt: '4 March 2026' },
      { ...capture, capturedAt: '2026-03-04T08:06:07+03:00' },
      { ...capture, screenshot: { bytes: png, mime: 'image/jpeg' } },
      { ...capture, snapshot: { bytes: 'text', mime: 'multipart/related' } },
    ]) {
      const listener = guardBridgeHandler('captureWebPage', () => bad as typeof capture, isTrusted);
      await expect(listener(fromApp, { url: 'https://example.org/' })).rejects.toThrow();
    }
  });

  it('accepts a Node Buffer as bytes (main reads files into Buffers)', () => {
    const parsed = bridgeContract.captureWebPage.result.parse({
      ...capture,
      snapshot: { bytes: Buffer.from(mhtml), mime: 'multipart/related' },
    });
    expect(parsed.snapshot.bytes).toBeInstanceOf(Uint8Array);
  });
});

import { describe, expect, it } from 'vitest';
import { browserLikeUserAgent, capturePartitionName, decideCaptureNavigation } from './webCapturePolicy.js';

describe('capturePartitionName', () => {
  it('names an in-memory partition (never persist:), different for every capture', () => {
    const names = new Set(Array.from({ length: 50 }, () => capturePartitionName()));
    expect(names.size).toBe(50);
    for (const name of names) {
      expect(name).toMatch(/^capture-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(name.startsWith('persist:')).toBe(false);
    }
  });

  it('refuses a name that could reach a persistent or shared partition', () => {
    expect(() => capturePartitionName(() => '')).toThrow(/unexpected capture partition name/);
    expect(() => capturePartitionName(() => 'x persist:app')).toThrow(/unexpected capture partition name/);
  });
});

describe('decideCaptureNavigation', () => {
  it('lets the page move around the web, in the main frame and in frames', () => {
    for (const url of ['https://example.org/', 'http://example.org/next', 'https://127.0.0.1:8443/a']) {
      expect(decideCaptureNavigation(url, true)).toEqual({ action: 'allow' });
      expect(decideCaptureNavigation(url, false)).toEqual({ action: 'allow' });
    }
  });

  it('keeps the main frame on the web: no files, no app pages, no browser pages, no external handlers', () => {
    for (const url of [
      'file:///etc/passwd',
      'casefile://app/index.html',
      'chrome://settings',
      'devtools://devtools/bundled/inspector.html',
      'about:blank',
      'data:text/html,<script>1</script>',
      'javascript:alert(1)',
      'mailto:someone@example.org',
      'zoommtg://join',
      'not a url',
    ]) {
      expect(decideCaptureNavigation(url, true)).toEqual({ action: 'deny' });
    }
  });

  it('lets frames hold in-page documents, but nothing local or privileged', () => {
    for (const url of ['about:blank', 'about:srcdoc', 'data:text/html,<p>ad</p>', 'blob:https://example.org/1b2c']) {
      expect(decideCaptureNavigation(url, false)).toEqual({ action: 'allow' });
    }
    for (const url of [
      'file:///etc/passwd',
      'casefile://app/index.html',
      'chrome://gpu',
      'about:config',
      'javascript:1',
    ]) {
      expect(decideCaptureNavigation(url, false)).toEqual({ action: 'deny' });
    }
  });
});

describe('browserLikeUserAgent', () => {
  it('removes the app’s and Electron’s product tokens and keeps the Chrome user agent', () => {
    expect(
      browserLikeUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) @casefile/desktop/0.1.0 Chrome/140.0.7339.41 Electron/45.4.1 Safari/537.36',
      ),
    ).toBe('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.7339.41 Safari/537.36');
    expect(
      browserLikeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Casefile/0.1.0 Chrome/140.0.0.0 Electron/45.4.1 Safari/537.36',
      ),
    ).toBe(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
    );
  });

  it('leaves a plain Chrome user agent as it is', () => {
    const chrome =
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
    expect(browserLikeUserAgent(chrome)).toBe(chrome);
  });
});

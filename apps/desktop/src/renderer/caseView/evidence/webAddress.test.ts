import { describe, expect, it } from 'vitest';
import { checkWebAddress, openableWebUrl } from './webAddress';

describe('checkWebAddress', () => {
  it('accepts http and https pages, in canonical form', () => {
    expect(checkWebAddress('https://Example.org/a b')).toEqual({ ok: true, url: 'https://example.org/a%20b' });
    expect(checkWebAddress(' http://example.org ')).toEqual({ ok: true, url: 'http://example.org/' });
  });

  it('reads an address without a scheme as https, a port included', () => {
    expect(checkWebAddress('example.org/page')).toEqual({ ok: true, url: 'https://example.org/page' });
    expect(checkWebAddress('example.org:8080/page')).toEqual({ ok: true, url: 'https://example.org:8080/page' });
  });

  it('refuses other schemes and text that is no address, saying why', () => {
    const javascript = checkWebAddress('javascript:alert(1)');
    expect(javascript.ok).toBe(false);
    expect(!javascript.ok && javascript.error).toMatch(/http:\/\/ or https:\/\//);
    expect(checkWebAddress('mailto:someone@example.org').ok).toBe(false);
    expect(checkWebAddress('').ok).toBe(false);
    expect(checkWebAddress('http://').ok).toBe(false);
  });
});

describe('openableWebUrl', () => {
  it('makes absolute http(s) addresses clickable, as written by anyone', () => {
    expect(openableWebUrl('https://tengrinews.kz/article')).toBe('https://tengrinews.kz/article');
    expect(openableWebUrl(' http://example.org ')).toBe('http://example.org/');
  });

  it('never makes a hostile or odd stored address clickable', () => {
    for (const stored of [
      'javascript:alert(document.domain)',
      ' JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'vbscript:msgbox(1)',
      'example.org/page',
      'http://',
      '',
    ]) {
      expect(openableWebUrl(stored), stored).toBeNull();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { checkServerUrl, pageOriginServerUrl } from './serverUrl';

describe('checkServerUrl', () => {
  it('takes an empty field as “no server”', () => {
    expect(checkServerUrl('')).toEqual({ ok: true, serverUrl: null });
    expect(checkServerUrl('   ')).toEqual({ ok: true, serverUrl: null });
  });

  it('accepts http and https addresses, as their origin', () => {
    expect(checkServerUrl('http://127.0.0.1:1234')).toEqual({ ok: true, serverUrl: 'http://127.0.0.1:1234' });
    expect(checkServerUrl(' https://sync.example.org/ ')).toEqual({ ok: true, serverUrl: 'https://sync.example.org' });
    expect(checkServerUrl('HTTP://Example.ORG:80')).toEqual({ ok: true, serverUrl: 'http://example.org' });
  });

  it('refuses other schemes with a sentence that says what to type', () => {
    for (const input of ['ws://127.0.0.1:1234', 'file:///home/someone', 'javascript:alert(1)', 'ftp://x']) {
      const result = checkServerUrl(input);
      expect(result.ok, input).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/http:\/\/ or https:\/\//);
    }
  });

  it('refuses text that is not an address, credentials and paths', () => {
    expect(checkServerUrl('127.0.0.1:1234').ok).toBe(false);
    expect(checkServerUrl('my server').ok).toBe(false);
    expect(checkServerUrl('http://user:pw@host').ok).toBe(false);
    expect(checkServerUrl('http://host/workspace').ok).toBe(false);
    expect(checkServerUrl('http://host/?a=1').ok).toBe(false);
  });
});

describe('pageOriginServerUrl', () => {
  it('is the page’s origin when served over http(s), otherwise none', () => {
    expect(pageOriginServerUrl({ protocol: 'http:', origin: 'http://127.0.0.1:1234' })).toBe('http://127.0.0.1:1234');
    expect(pageOriginServerUrl({ protocol: 'https:', origin: 'https://cases.example.org' })).toBe(
      'https://cases.example.org',
    );
    expect(pageOriginServerUrl({ protocol: 'file:', origin: 'null' })).toBeNull();
    expect(pageOriginServerUrl({ protocol: 'casefile:', origin: 'null' })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl, isExternalWebUrl } from './appOrigin.js';

describe('isAppUrl', () => {
  it('accepts pages of the app', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('casefile://app/index.html#/case/abc')).toBe(true);
    expect(isAppUrl('casefile://app/')).toBe(true);
  });

  it('refuses other hosts, credentials, ports and schemes', () => {
    expect(isAppUrl('casefile://evil/index.html')).toBe(false);
    expect(isAppUrl('casefile://user@app/index.html')).toBe(false);
    expect(isAppUrl('casefile://app:8080/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });

  it('accepts the dev server only when one is running, and only its origin', () => {
    expect(isAppUrl('http://localhost:5173/#/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'file:///home/someone/')).toBe(false);
  });
});

describe('isExternalWebUrl', () => {
  it('is true for http and https only', () => {
    expect(isExternalWebUrl('https://example.com/a?b')).toBe(true);
    expect(isExternalWebUrl('http://127.0.0.1:1234')).toBe(true);
    expect(isExternalWebUrl('file:///etc/passwd')).toBe(false);
    expect(isExternalWebUrl('javascript:alert(1)')).toBe(false);
    expect(isExternalWebUrl('smb://server/share')).toBe(false);
    expect(isExternalWebUrl('casefile://app/index.html')).toBe(false);
    expect(isExternalWebUrl('nonsense')).toBe(false);
  });
});

import { ValidationError } from '@casefile/model';
import { describe, expect, it } from 'vitest';
import { normalizeServerUrl, webSocketUrl } from './serverUrl.js';

describe('the sync server address', () => {
  it('gives the WebSocket address: http becomes ws, https becomes wss, host, port and path kept', () => {
    expect(webSocketUrl('http://127.0.0.1:1234')).toBe('ws://127.0.0.1:1234');
    expect(webSocketUrl('https://sync.example.org/')).toBe('wss://sync.example.org');
    expect(webSocketUrl('https://example.org/casefile/sync/')).toBe('wss://example.org/casefile/sync');
    expect(webSocketUrl('wss://example.org:8443')).toBe('wss://example.org:8443');
  });

  it('is kept without a trailing slash, query or fragment', () => {
    expect(normalizeServerUrl(' http://localhost:1234/ ')).toBe('http://localhost:1234');
    expect(normalizeServerUrl('https://example.org/sync/?x=1#y')).toBe('https://example.org/sync');
  });

  it('refuses what is not a server address, saying what to enter', () => {
    expect(() => normalizeServerUrl('sync.example.org')).toThrow(ValidationError);
    expect(() => normalizeServerUrl('sync.example.org')).toThrow(/enter one like https:\/\/sync\.example\.org/);
    expect(() => normalizeServerUrl('ftp://example.org')).toThrow(/starts with https:\/\/ or http:\/\//);
  });
});

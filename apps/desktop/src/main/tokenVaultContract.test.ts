import { describe, expect, it } from 'vitest';
import { guardBridgeHandler } from './bridgeHandlers';

const isTrusted = (url: string) => url.startsWith('casefile://app/');
const fromApp = { senderFrame: { url: 'casefile://app/index.html' } };

describe('the access token bridge entries', () => {
  it('store only for the app’s frame, and only a bounded book of strings', async () => {
    const stored: unknown[] = [];
    const listener = guardBridgeHandler(
      'storeAccessTokens',
      ({ byServer }) => {
        stored.push(byServer);
        return { stored: true, problem: null };
      },
      isTrusted,
    );
    const byServer = { 'http://127.0.0.1:1234': ['a.b.c'] };
    await expect(listener(fromApp, { byServer })).resolves.toEqual({ stored: true, problem: null });
    await expect(listener({ senderFrame: { url: 'https://evil.example/' } }, { byServer })).rejects.toThrow(
      /outside the Casefile app/,
    );
    await expect(listener(fromApp, { byServer: { s: [42] } })).rejects.toThrow(/invalid arguments/);
    await expect(listener(fromApp, { byServer: { s: ['x'.repeat(9000)] } })).rejects.toThrow(/invalid arguments/);
    expect(stored).toEqual([byServer]);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { bridgeChannel, bridgeMethods } from '../shared/bridge.js';
import { isAppUrl } from './appOrigin.js';
import {
  type BridgeHandlers,
  BridgeRequestRefused,
  guardBridgeHandler,
  guardedBridgeListeners,
} from './bridgeHandlers.js';

const fromApp = { senderFrame: { url: 'casefile://app/index.html#/' } };
const isTrusted = (url: string) => isAppUrl(url);

describe('guardBridgeHandler', () => {
  it('runs the handler for the app’s own frame and returns its result', async () => {
    const listener = guardBridgeHandler('getAppInfo', () => ({ platform: 'desktop', version: '1.2.3' }), isTrusted);
    await expect(listener(fromApp, undefined)).resolves.toEqual({ platform: 'desktop', version: '1.2.3' });
  });

  it('refuses a call from another origin, a destroyed frame or a missing frame, without running the handler', async () => {
    const handler = vi.fn(() => ({ platform: 'desktop' as const, version: '1' }));
    const listener = guardBridgeHandler('getAppInfo', handler, isTrusted);
    for (const event of [
      { senderFrame: { url: 'https://evil.example/' } },
      { senderFrame: { url: 'file:///home/someone/page.html' } },
      { senderFrame: { url: '' } },
      { senderFrame: null },
    ]) {
      await expect(listener(event, undefined)).rejects.toThrow(BridgeRequestRefused);
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses arguments the contract does not allow', async () => {
    const handler = vi.fn(() => ({ platform: 'desktop' as const, version: '1' }));
    const listener = guardBridgeHandler('getAppInfo', handler, isTrusted);
    await expect(listener(fromApp, { path: '/etc/passwd' })).rejects.toThrow(/invalid arguments/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses to hand back a result outside the contract', async () => {
    const bad = (() => ({ platform: 'toaster', version: 1 })) as unknown as BridgeHandlers['getAppInfo'];
    const listener = guardBridgeHandler('getAppInfo', bad, isTrusted);
    await expect(listener(fromApp, undefined)).rejects.toThrow();
  });
});

describe('guardedBridgeListeners', () => {
  it('gives one guarded listener per contract entry, on the shared channel name', async () => {
    const listeners = guardedBridgeListeners(
      {
        getAppInfo: () => ({ platform: 'desktop', version: '0.1.0' }),
        captureWebPage: () => {
          throw new Error('not called here');
        },
        chooseExportDestination: () => null,
        saveExport: () => {
          throw new Error('not called here');
        },
        printDossierPdf: () => {
          throw new Error('not called here');
        },
        readAccessTokens: () => ({ byServer: {}, problem: null }),
        storeAccessTokens: () => ({ stored: true, problem: null }),
        deleteAccessTokens: () => ({ deleted: true }),
      },
      isTrusted,
    );
    expect(listeners.map(([channel]) => channel)).toEqual(bridgeMethods.map(bridgeChannel));
    const [, listener] = listeners[0] ?? [];
    await expect(listener?.({ senderFrame: { url: 'https://evil.example/' } }, undefined)).rejects.toThrow(
      BridgeRequestRefused,
    );
  });
});

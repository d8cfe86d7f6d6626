import { z } from 'zod';

/**
 * The one contract between the renderer and the platform it runs on. Every native capability is
 * one entry here: the argument and result schemas, checked by Electron's main process before a
 * handler runs (src/main/bridgeHandlers.ts), exposed by the preload as `window.casefile`, and
 * implemented by the browser build as far as a browser can (src/renderer/platform/webBridge.ts).
 * A new capability is a new entry in this table, never an ad-hoc IPC channel.
 */
export const bridgeContract = {
  getAppInfo: {
    args: z.void(),
    result: z.object({
      platform: z.enum(['desktop', 'web']),
      version: z.string(),
    }),
  },
} as const;

export type BridgeContract = typeof bridgeContract;
export type BridgeMethod = keyof BridgeContract;
export type BridgeArgs<M extends BridgeMethod> = z.input<BridgeContract[M]['args']>;
export type BridgeResult<M extends BridgeMethod> = z.output<BridgeContract[M]['result']>;

/** What `window.casefile` offers: one async function per contract entry. */
export type CasefileBridge = {
  readonly [M in BridgeMethod]: (args: BridgeArgs<M>) => Promise<BridgeResult<M>>;
};

export type AppInfo = BridgeResult<'getAppInfo'>;
export type Platform = AppInfo['platform'];

export const bridgeMethods = Object.keys(bridgeContract) as BridgeMethod[];

/** The IPC channel of a contract entry; the preload and main derive it the same way. */
export function bridgeChannel(method: BridgeMethod): string {
  return `casefile:${method}`;
}

/** Thrown by the browser build for a capability only the desktop app has. */
export class DesktopOnlyError extends Error {
  override name = 'DesktopOnlyError';
  constructor(what: string) {
    super(`${what} needs the Casefile desktop app; the browser cannot do it. Open this case in the desktop app.`);
  }
}

declare global {
  interface Window {
    /** Set by the desktop app's preload; absent in the browser build (see platform/bridge.ts). */
    readonly casefile?: CasefileBridge;
  }
}

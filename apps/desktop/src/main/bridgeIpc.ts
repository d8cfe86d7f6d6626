import type { IpcMain } from 'electron';
import { type BridgeHandlers, guardedBridgeListeners } from './bridgeHandlers.js';

/** The only place main listens to the renderer: every contract entry, each behind the guard. */
export function registerBridgeHandlers(
  ipcMain: IpcMain,
  handlers: BridgeHandlers,
  isTrustedSender: (frameUrl: string) => boolean,
): void {
  for (const [channel, listener] of guardedBridgeListeners(handlers, isTrustedSender)) {
    ipcMain.handle(channel, listener);
  }
}

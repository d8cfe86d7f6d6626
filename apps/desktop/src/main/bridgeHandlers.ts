import type { z } from 'zod';
import {
  type BridgeContract,
  type BridgeMethod,
  type BridgeResult,
  bridgeChannel,
  bridgeContract,
  bridgeMethods,
} from '../shared/bridge.js';

/** The part of Electron's IpcMainInvokeEvent the guard reads (kept structural so it is testable in Node). */
export interface BridgeInvokeEvent {
  readonly senderFrame: { readonly url: string } | null;
}

/** One implementation per contract entry; the compiler refuses a missing one. */
export type BridgeHandlers = {
  readonly [M in BridgeMethod]: (
    args: z.output<BridgeContract[M]['args']>,
  ) => BridgeResult<M> | Promise<BridgeResult<M>>;
};

/** A bridge call main refused to run; the message says why (it reaches the renderer's rejected promise). */
export class BridgeRequestRefused extends Error {
  override name = 'BridgeRequestRefused';
}

export type BridgeListener = (event: BridgeInvokeEvent, rawArgs: unknown) => Promise<unknown>;

/**
 * Wraps a handler so that it runs only for the app's own frame and only on arguments that match
 * the contract: the sender's frame URL must be an app page (not a navigated-away or injected
 * frame), and the arguments are parsed with the entry's schema (unknown keys stripped) before
 * the handler sees them. The result is checked too, so a handler bug cannot hand the renderer
 * something the contract does not promise.
 */
export function guardBridgeHandler<M extends BridgeMethod>(
  method: M,
  handler: BridgeHandlers[M],
  isTrustedSender: (frameUrl: string) => boolean,
): BridgeListener {
  const { args: argsSchema, result: resultSchema } = bridgeContract[method];
  return async (event, rawArgs) => {
    const frameUrl = event.senderFrame?.url;
    if (!frameUrl || !isTrustedSender(frameUrl)) {
      throw new BridgeRequestRefused(`${method} was called from outside the Casefile app and was refused.`);
    }
    const parsed = argsSchema.safeParse(rawArgs);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
      throw new BridgeRequestRefused(`${method} was called with invalid arguments${where}: ${issue?.message ?? ''}`);
    }
    const result = await (handler as (args: unknown) => unknown)(parsed.data);
    return resultSchema.parse(result);
  };
}

/** Every contract entry as [channel, guarded listener], for the thin file that calls ipcMain.handle. */
export function guardedBridgeListeners(
  handlers: BridgeHandlers,
  isTrustedSender: (frameUrl: string) => boolean,
): Array<[channel: string, listener: BridgeListener]> {
  return bridgeMethods.map((method) => [
    bridgeChannel(method),
    guardBridgeHandler(method, handlers[method], isTrustedSender),
  ]);
}

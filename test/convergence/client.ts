import * as decoding from 'lib0/decoding';
import { type RawData, WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

type WebSocketClass = NonNullable<NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill']>;

// y-websocket's framing: message type 0 is sync; its sub-types 1 and 2 (sync step 2, update) carry a document update.
const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** The document update a server message carries, or null for any other message. */
function documentUpdateIn(message: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(message);
  if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null;
  const syncType = decoding.readVarUint(decoder);
  return syncType === SYNC_STEP_2 || syncType === SYNC_UPDATE ? decoding.readVarUint8Array(decoder).slice() : null;
}

function bytesOf(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/** Node's `ws` for the provider, keeping every document update the server sends, as sent. */
function recordingWebSocket(sent: Uint8Array[]): WebSocketClass {
  class RecordingWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('message', (data: RawData) => {
        const update = documentUpdateIn(bytesOf(data));
        if (update) sent.push(update);
      });
    }
  }
  return RecordingWebSocket as unknown as WebSocketClass;
}

/** One investigator's replica of a case: a Y.Doc and the y-websocket provider the apps use, on Node's `ws`. */
export class SyncClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  /** Every document update the server sent this client (sync step 2 and relayed updates), as sent. */
  readonly fromServer: Uint8Array[] = [];
  /**
   * Every update event of this client's doc that applied something from the server (origin: the
   * provider). Beside the server's content it can hold deletions the doc derived itself: a received
   * map value that loses to a value this client set and had not sent yet is deleted in the same
   * transaction, and the server never sent that deletion.
   */
  readonly received: Uint8Array[] = [];

  constructor(
    readonly name: string,
    serverUrl: string,
    room: string,
    options: { connect?: boolean; token?: string } = {},
  ) {
    this.provider = new WebsocketProvider(serverUrl, room, this.doc, {
      // The server refuses sockets without a token (y-websocket sends it as ?token=).
      ...(options.token ? { params: { token: options.token } } : {}),
      WebSocketPolyfill: recordingWebSocket(this.fromServer),
      connect: options.connect ?? true,
      // Clients in one process would otherwise also sync through BroadcastChannel, around the server.
      disableBc: true,
      // A restarted server is found again within half a second.
      maxBackoffTime: 500,
    });
    // The provider applies what the server sends with itself as the origin.
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) this.received.push(update);
    });
  }

  /** Whether this client wants to be connected (offline clients keep editing their replica). */
  get online(): boolean {
    return this.provider.shouldConnect;
  }

  /** Connected and holding what the server had when it answered this connection's sync step 1. */
  get synced(): boolean {
    return this.provider.wsconnected && this.provider.synced;
  }

  goOffline(): void {
    this.provider.disconnect();
  }

  goOnline(): void {
    this.provider.connect();
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `condition` holds; fails with `what()` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, what: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${what()}`);
    await sleep(20);
  }
}

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { type RawData, WebSocket } from 'ws';
import * as Y from 'yjs';

// y-websocket's framing: message type 0 is sync, with sub-types step 1, step 2 and update.
const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Names an update by its first change (client id and clock), which a relay keeps whatever it re-encodes. */
function updateKey(update: Uint8Array): string {
  const [client, clock] = Y.parseUpdateMeta(update).from.entries().next().value ?? [0, 0];
  return `${client}:${clock}`;
}

function bytesOf(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/** What every client of one run shares: when each update was sent, and every delivery's latency. */
export class FanoutLedger {
  readonly sentAt = new Map<string, number>();
  readonly latencies: number[] = [];
  sent = 0;
  delivered = 0;
  recording = false;
}

/**
 * One investigator typing in a case, reduced to the wire: speaks y-websocket's sync protocol on
 * Node's `ws` (sync step 1 on open, step 2 when asked), sends each keystroke as the update its own
 * Y.Doc produces (a character typed into a notes paragraph), and for what others send only reads
 * which update it is. Applying 49 peers' updates in one process would make this harness, not the
 * server, the thing measured.
 */
export class FanoutClient {
  private readonly doc = new Y.Doc();
  private readonly text: Y.XmlText;
  private readonly socket: WebSocket;
  private timer: NodeJS.Timeout | null = null;
  readonly opened: Promise<void>;
  private heardFromServer!: () => void;
  /** Resolves on the server's first message (the real server's sync step 1). */
  readonly greeted = new Promise<void>((resolve) => {
    this.heardFromServer = resolve;
  });

  constructor(
    url: string,
    private readonly ledger: FanoutLedger,
  ) {
    const paragraph = new Y.XmlElement('paragraph');
    this.text = new Y.XmlText();
    paragraph.insert(0, [this.text]);
    this.doc.get('notes', Y.XmlElement).insert(0, [paragraph]);
    this.socket = new WebSocket(url, { perMessageDeflate: false });
    this.socket.binaryType = 'nodebuffer';
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => {
        this.socket.send(syncMessage(SYNC_STEP_1, Y.encodeStateVector(this.doc)));
        resolve();
      });
      this.socket.once('error', reject);
    });
    this.socket.on('message', (data) => this.receive(bytesOf(data)));
  }

  /** Types one character every `intervalMs`, the first after `offsetMs`. */
  startTyping(intervalMs: number, offsetMs: number): void {
    const typeOne = () => this.typeCharacter();
    this.timer = setTimeout(() => {
      typeOne();
      this.timer = setInterval(typeOne, intervalMs);
    }, offsetMs);
  }

  stopTyping(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      clearInterval(this.timer);
    }
  }

  close(): void {
    this.stopTyping();
    this.socket.close();
    this.doc.destroy();
  }

  private typeCharacter(): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    let update: Uint8Array | null = null;
    const capture = (bytes: Uint8Array) => {
      update = bytes;
    };
    this.doc.on('update', capture);
    this.text.insert(this.text.length, 'a');
    this.doc.off('update', capture);
    if (!update) return;
    if (this.ledger.recording) {
      this.ledger.sentAt.set(updateKey(update), performance.now());
      this.ledger.sent++;
    }
    this.socket.send(syncMessage(SYNC_UPDATE, update));
  }

  private receive(message: Uint8Array): void {
    this.heardFromServer();
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    const type = decoding.readVarUint(decoder);
    if (type === SYNC_STEP_1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      this.socket.send(syncMessage(SYNC_STEP_2, Y.encodeStateAsUpdate(this.doc, stateVector)));
      return;
    }
    if (type !== SYNC_UPDATE) return;
    // The sync server relays what it stored in one write as one update, which may hold several
    // people's keystrokes (and this client's own, which do not count as delivered).
    const { from, to } = Y.parseUpdateMeta(decoding.readVarUint8Array(decoder));
    const now = performance.now();
    for (const [client, start] of from) {
      if (client === this.doc.clientID) continue;
      for (let clock = start; clock < (to.get(client) ?? start); clock++) {
        const sentAt = this.ledger.sentAt.get(`${client}:${clock}`);
        if (sentAt === undefined) continue;
        this.ledger.latencies.push(now - sentAt);
        this.ledger.delivered++;
      }
    }
  }
}

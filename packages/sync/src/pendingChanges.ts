import type * as Y from 'yjs';
import { type Observable, ObservableValue } from './observableValue.js';
import type { SentUpdateKind } from './sentMessages.js';

type StateVector = ReadonlyMap<number, number>;

/** One local change (a transaction not from the server) that the server has not confirmed yet. */
interface PendingChange {
  /** Clock after the change, per client it wrote structs for. */
  readonly clocks: ReadonlyMap<number, number>;
  /**
   * Whether the server's state vector alone can show that it arrived. Not for a change that only
   * deleted: deletions do not advance any clock.
   */
  readonly showsInStateVector: boolean;
  /** The socket that was open when it was made: y-websocket sent it on that socket at once. */
  madeOn: object | null;
  /** The number of the update message, on the current socket, that carried it. */
  carriedBy: number | null;
}

function covers(stateVector: StateVector, clocks: ReadonlyMap<number, number>): boolean {
  for (const [client, clock] of clocks) if ((stateVector.get(client) ?? 0) < clock) return false;
  return true;
}

/**
 * The local changes of one room that the server has not confirmed, counted per transaction.
 *
 * The server acknowledges every update message of a connection, in order, once it is stored
 * (sync acks, see syncAck.ts). A change is confirmed when the ack of the message that carried it
 * arrives: the live update y-websocket sent when the change was made on an open socket, or the
 * next sync step 2 (which holds everything the server lacked, deletions included). It is also
 * confirmed when a state vector from the server (an ack's, or the server's sync step 1 on
 * connecting) covers its clocks. A socket that closes before the ack leaves its changes waiting
 * for the next connection's sync step 2.
 *
 * After a reload this device no longer knows which changes it made; the server's sync step 1 shows
 * what it lacks: one pending change is counted per client (writer session) of which the local
 * document holds more than the server. Deletions made before the reload are not counted (the
 * sync step 2 still carries them).
 */
export class PendingChanges {
  private changes: PendingChange[] = [];
  private socket: object | null = null;
  private updatesSent = 0;
  private readonly countValue = new ObservableValue(0);
  readonly count: Observable<number> = { get: this.countValue.get, subscribe: this.countValue.subscribe };

  /** A local transaction; `openSocket` is the socket when one is open (y-websocket sends the change on it). */
  recordLocalChange(transaction: Y.Transaction, openSocket: object | null): void {
    const clocks = new Map<number, number>();
    for (const [client, clock] of transaction.afterState) {
      if (clock > (transaction.beforeState.get(client) ?? 0)) clocks.set(client, clock);
    }
    if (clocks.size === 0 && transaction.deleteSet.clients.size === 0) return;
    if (openSocket) this.useSocket(openSocket);
    this.changes.push({ clocks, showsInStateVector: clocks.size > 0, madeOn: openSocket, carriedBy: null });
    this.publish();
  }

  /** An update message went out on `socket`. */
  updateSent(socket: object, kind: SentUpdateKind): void {
    this.useSocket(socket);
    this.updatesSent++;
    if (kind === 'sync-step-2') {
      for (const change of this.changes) change.carriedBy ??= this.updatesSent;
      return;
    }
    // A live update is sent right after the change it carries was recorded (our listener runs first).
    const last = this.changes.at(-1);
    if (last && last.madeOn === socket && last.carriedBy === null) last.carriedBy = this.updatesSent;
  }

  /** The server's sync step 1 on connecting: what it holds now, against this document's state. */
  serverStateReceived(socket: object, server: StateVector, local: StateVector): void {
    this.useSocket(socket);
    this.changes = this.changes.filter((change) => !(change.showsInStateVector && covers(server, change.clocks)));
    for (const [client, clock] of local) {
      if (clock <= (server.get(client) ?? 0)) continue;
      if (this.changes.some((change) => (change.clocks.get(client) ?? 0) >= clock)) continue;
      this.changes.push({
        clocks: new Map([[client, clock]]),
        showsInStateVector: true,
        madeOn: null,
        carriedBy: null,
      });
    }
    this.publish();
  }

  /** A sync ack from the server on `socket`. */
  acknowledged(socket: object, updatesHandled: number, server: StateVector): void {
    if (socket !== this.socket) return;
    this.changes = this.changes.filter(
      (change) =>
        !(
          (change.carriedBy !== null && change.carriedBy <= updatesHandled) ||
          (change.showsInStateVector && covers(server, change.clocks))
        ),
    );
    this.publish();
  }

  /** No server any more: nothing will send these changes (a server set later finds them by its state vector). */
  forgetAll(): void {
    this.connectionLost();
    this.changes = [];
    this.publish();
  }

  /** The socket closed (or the server changed): nothing sent on it can be acknowledged any more. */
  connectionLost(): void {
    this.socket = null;
    this.updatesSent = 0;
    for (const change of this.changes) {
      change.madeOn = null;
      change.carriedBy = null;
    }
  }

  private useSocket(socket: object): void {
    if (socket === this.socket) return;
    this.connectionLost();
    this.socket = socket;
  }

  private publish(): void {
    this.countValue.set(this.changes.length);
  }
}

import { isCaseId, WORKSPACE_ROOM } from '@casefile/model';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type CustodyEntry, makeCustodyEntry, PendingItems, summarizeUpdate } from './custodyLog.js';
import type { AppendExtras, CaseRecord, DocumentStore } from './persistence.js';
import { type ClientMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.js';

/** A room is the workspace document or one case, named by its case id; nothing else is served. */
export function isRoomName(name: string): boolean {
  return name === WORKSPACE_ROOM || isCaseId(name);
}

/** Who is behind a connection and what they may do in its room (decided at the upgrade). */
export interface ConnectionAccess {
  /** The authenticated user (the token's `sub`). */
  user: string;
  role: string;
  /** Editors and owners: their updates are stored. A viewer's are dropped. */
  canWrite: boolean;
  /** May create the case with its first update (editors and owners whose token covers every case). */
  canCreate: boolean;
}

/** What a room needs of a client connection. */
export interface RoomConnection {
  readonly access: ConnectionAccess;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /**
   * Present when the client asked for sync acks (protocol.ts, MESSAGE_SYNC_ACK): called once per
   * update message, after it was stored and applied, with the document's state vector then.
   */
  acknowledgeUpdate?(stateVector: Uint8Array): void;
}

/** Thrown when a room's document could not be loaded or stored; the client should retry later. */
export class RoomStorageError extends Error {
  override name = 'RoomStorageError';
}

type Log = (line: string) => void;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A message waiting its turn: an update (stored in batches) or any other piece of work. */
type QueuedWork = { settle: Settle } & (
  | { kind: 'update'; connection: RoomConnection; update: Uint8Array; isEmpty: boolean }
  | { kind: 'task'; run: () => void | Promise<void> }
);
type Settle = { resolve(): void; reject(error: unknown): void };
type QueuedUpdate = Extract<QueuedWork, { kind: 'update' }>;

// One synced write per batch; bounded so that one batch never holds a room's memory or its readers for long.
const MAX_BATCH_UPDATES = 1000;
const MAX_BATCH_BYTES = 8 * 1024 * 1024;

/**
 * One document in memory, its connections and their awareness (cursors, names). Messages are
 * handled one after another in arrival order. Updates that queued up while the room was busy are
 * stored together (group commit: one synced write for the lot, each with its custody entry), and
 * only then applied, acknowledged and sent to the others: an update is on disk before anyone sees it.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  /** Connections and the awareness client ids each one controls. */
  private readonly connections = new Map<RoomConnection, Set<number>>();
  private readonly work: QueuedWork[] = [];
  /** Resolves when the queue has run dry (close() waits for it). */
  private drained: Promise<void> = Promise.resolve();
  private draining = false;
  private loadFailed = false;
  readonly loaded: Promise<void>;
  /** Case rooms: the last custody entry (the chain goes on from it) and whether the case exists yet. */
  private lastCustody: CustodyEntry | null = null;
  private caseRecord: CaseRecord | null = null;
  private hasStoredUpdates = false;
  /** Connections whose dropped updates were already logged (one line per connection is enough). */
  private readonly droppedLogged = new WeakSet<RoomConnection>();

  constructor(
    readonly name: string,
    private readonly store: DocumentStore,
    private readonly log: Log,
    /** Resolves when an earlier instance of this room has finished its writes. */
    previousInstanceClosed: Promise<void> = Promise.resolve(),
  ) {
    // The server is not a participant: it has no cursor of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.broadcastDocumentUpdate);
    this.awareness.on('update', this.broadcastAwarenessChange);
    this.loaded = previousInstanceClosed.catch(() => {}).then(() => this.load());
    this.loaded.catch(() => {
      this.loadFailed = true;
    });
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Messages queued and not yet taken up: senders are held back when it grows (connection.ts). */
  get backlog(): number {
    return this.work.length;
  }

  /** Adds a connection; once the document is loaded it gets the server's sync step 1 and the current awareness. */
  join(connection: RoomConnection): Promise<void> {
    this.connections.set(connection, new Set());
    return this.enqueue(() => {
      connection.send(encodeSyncStep1(this.doc));
      const clients = [...this.awareness.getStates().keys()];
      if (clients.length > 0) connection.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, clients)));
    });
  }

  /** Removes a connection and the awareness states it controlled (its users' cursors disappear for the others). */
  leave(connection: RoomConnection): void {
    const clients = this.connections.get(connection);
    if (!clients) return;
    this.connections.delete(connection);
    if (clients.size > 0) removeAwarenessStates(this.awareness, [...clients], null);
  }

  /** Handles a validated message from a connection, after every message before it. */
  receive(connection: RoomConnection, message: ClientMessage): Promise<void> {
    if (message.type === 'update') {
      return this.schedule({ kind: 'update', connection, update: message.update, isEmpty: message.isEmpty });
    }
    return this.enqueue(() => {
      switch (message.type) {
        case 'sync-step-1':
          connection.send(encodeSyncStep2(this.doc, message.stateVector));
          return;
        case 'awareness':
          // A cursor sent just before its connection closed would linger as a ghost for 30 s.
          if (!this.connections.has(connection)) return;
          applyAwarenessUpdate(this.awareness, message.update, connection);
          return;
        case 'query-awareness': {
          const clients = [...this.awareness.getStates().keys()];
          connection.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, clients)));
          return;
        }
      }
    });
  }

  /** Closes every connection and waits for the room's pending writes. */
  async close(code: number, reason: string): Promise<void> {
    for (const connection of [...this.connections.keys()]) {
      this.leave(connection);
      connection.close(code, reason);
    }
    await this.drained;
    this.awareness.destroy();
    this.doc.destroy();
  }

  private enqueue(run: () => void | Promise<void>): Promise<void> {
    return this.schedule({ kind: 'task', run });
  }

  private schedule(work: DistributiveOmit<QueuedWork, 'settle'>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.work.push({ ...work, settle: { resolve, reject } } as QueuedWork);
      if (!this.draining) {
        this.draining = true;
        this.drained = this.drain().finally(() => {
          this.draining = false;
        });
      }
    });
  }

  private async drain(): Promise<void> {
    await this.loaded.catch(() => {});
    for (let next = this.work[0]; next !== undefined; next = this.work[0]) {
      if (this.loadFailed) {
        this.work.shift();
        next.settle.reject(new RoomStorageError('This document could not be loaded; try again later.'));
        continue;
      }
      if (next.kind === 'update') {
        await this.handleUpdates(this.takeUpdateBatch());
        continue;
      }
      this.work.shift();
      try {
        await next.run();
        next.settle.resolve();
      } catch (error) {
        next.settle.reject(error);
      }
    }
  }

  /** The updates at the head of the queue, up to the batch bounds (at least one). */
  private takeUpdateBatch(): Array<QueuedUpdate> {
    const batch: Array<QueuedUpdate> = [];
    let bytes = 0;
    for (let next = this.work[0]; next?.kind === 'update'; next = this.work[0]) {
      if (batch.length > 0 && (batch.length >= MAX_BATCH_UPDATES || bytes + next.update.byteLength > MAX_BATCH_BYTES)) {
        break;
      }
      batch.push(next);
      bytes += next.update.byteLength;
      this.work.shift();
    }
    return batch;
  }

  /**
   * Stores a batch of updates in one synced write (each with its custody entry), then applies them
   * in one transaction (which relays them as one update) and acknowledges each. A failed write
   * fails every update the batch was to store: none of them was stored, applied or relayed.
   */
  private async handleUpdates(batch: ReadonlyArray<QueuedUpdate>): Promise<void> {
    const isCase = this.name !== WORKSPACE_ROOM;
    const stored = new Set<QueuedUpdate>();
    const entries: Array<{ room: string; update: Uint8Array } & AppendExtras> = [];
    const pending = new PendingItems();
    let lastCustody = this.lastCustody;
    let caseRecord = this.caseRecord;
    let hasStoredUpdates = this.hasStoredUpdates;
    for (const item of batch) {
      const { connection, update } = item;
      const { user, role } = connection.access;
      if (!connection.access.canWrite) {
        // A viewer's updates are dropped, never stored, applied or relayed, and not acknowledged:
        // its client keeps them as not on the server, which is the truth.
        if (!item.isEmpty) this.logDroppedOnce(connection, `dropping updates from ${user} (${role})`);
        continue;
      }
      if (item.isEmpty) continue;
      const creating = isCase && caseRecord === null && !hasStoredUpdates;
      if (creating && !connection.access.canCreate) {
        // Only an editor or owner of every case may create one; an invitation covers an existing case.
        this.logDroppedOnce(connection, `${user} may not create this case; dropping the update`);
        continue;
      }
      const extras: AppendExtras = {};
      if (isCase) {
        const { summary, clientTime } = summarizeUpdate(update, this.doc, pending);
        lastCustody = makeCustodyEntry(lastCustody, { user, role, update, summary, clientTime });
        extras.custody = lastCustody;
      }
      if (creating) {
        caseRecord = { owner: user, createdAt: new Date().toISOString() };
        extras.caseRecord = caseRecord;
      }
      entries.push({ room: this.name, update, ...extras });
      stored.add(item);
      hasStoredUpdates = true;
    }
    if (entries.length > 0) {
      // Persist before broadcast: a client that has seen an update must find it after a crash.
      try {
        await this.store.appendAll(entries);
      } catch (error) {
        this.log(`Could not store ${entries.length} update(s) for room ${this.name}: ${(error as Error).message}`);
        const failure = new RoomStorageError('The server could not store a change; reconnect to retry.');
        const stateVector = Y.encodeStateVector(this.doc);
        for (const item of batch) {
          if (stored.has(item)) {
            item.settle.reject(failure);
            continue;
          }
          // Nothing of it was to be stored (empty, or dropped): answered as if the write had gone well.
          if (item.connection.access.canWrite) item.connection.acknowledgeUpdate?.(stateVector);
          item.settle.resolve();
        }
        return;
      }
      this.lastCustody = lastCustody;
      this.caseRecord = caseRecord;
      this.hasStoredUpdates = true;
    }
    // One transaction for the batch: one update goes out to the others (a y-websocket message
    // per batch and connection, not per update). With several senders in the batch, each of them
    // also gets its own changes back inside it, which Yjs ignores.
    const senders = new Set([...stored].map((item) => item.connection));
    const origin = senders.size === 1 ? [...senders][0] : this;
    const failed = new Map<QueuedUpdate, unknown>();
    this.doc.transact(() => {
      for (const item of stored) {
        try {
          Y.applyUpdate(this.doc, item.update, origin);
        } catch (error) {
          failed.set(item, error);
        }
      }
    }, origin);
    const stateVector = Y.encodeStateVector(this.doc);
    for (const item of batch) {
      if (failed.has(item)) {
        item.settle.reject(failed.get(item));
        continue;
      }
      // Only now: the ack tells the client its change survives a crash of this server.
      if (item.connection.access.canWrite) item.connection.acknowledgeUpdate?.(stateVector);
      item.settle.resolve();
    }
  }

  private logDroppedOnce(connection: RoomConnection, what: string): void {
    if (this.droppedLogged.has(connection)) return;
    this.droppedLogged.add(connection);
    this.log(`Room ${this.name}: ${what}.`);
  }

  private async load(): Promise<void> {
    let updates: Uint8Array[];
    try {
      updates = await this.store.loadUpdates(this.name);
      if (this.name !== WORKSPACE_ROOM) {
        this.lastCustody = await this.store.lastCustody(this.name);
        this.caseRecord = await this.store.getCaseRecord(this.name);
      }
    } catch (error) {
      this.log(`Could not load room ${this.name}: ${(error as Error).message}`);
      throw error;
    }
    if (updates.length === 0) return;
    this.hasStoredUpdates = true;
    try {
      Y.applyUpdate(this.doc, Y.mergeUpdates(updates));
    } catch (error) {
      // One unreadable stored update must not hide the others.
      this.log(`Room ${this.name}: stored updates do not merge (${(error as Error).message}); applying one by one.`);
      let skipped = 0;
      for (const update of updates) {
        try {
          Y.applyUpdate(this.doc, update);
        } catch {
          skipped++;
        }
      }
      if (skipped > 0) this.log(`Room ${this.name}: skipped ${skipped} unreadable stored update(s).`);
    }
  }

  private readonly broadcastDocumentUpdate = (update: Uint8Array, origin: unknown): void => {
    const message = encodeUpdate(update);
    for (const connection of this.connections.keys()) {
      if (connection !== origin) connection.send(message);
    }
  };

  private readonly broadcastAwarenessChange = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const controlled = this.connections.get(origin as RoomConnection);
    if (controlled) {
      for (const client of added) controlled.add(client);
      for (const client of removed) controlled.delete(client);
    }
    const changed = [...added, ...updated, ...removed];
    const message = encodeAwareness(encodeAwarenessUpdate(this.awareness, changed));
    for (const connection of this.connections.keys()) connection.send(message);
  };
}

export interface RoomRegistryOptions {
  store: DocumentStore;
  log: Log;
  /** How long a room stays in memory after its last connection left (default 30 s). */
  unloadDelayMs?: number;
}

/** The rooms in memory: loaded on first connection, unloaded a while after the last one leaves. */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly unloadTimers = new Map<Room, NodeJS.Timeout>();
  /** Rooms being unloaded, by name: a room reopened meanwhile loads only after their writes finished. */
  private readonly closing = new Map<string, Promise<void>>();
  private readonly unloadDelayMs: number;

  constructor(private readonly options: RoomRegistryOptions) {
    this.unloadDelayMs = options.unloadDelayMs ?? 30_000;
  }

  get size(): number {
    return this.rooms.size;
  }

  get connectionCount(): number {
    let count = 0;
    for (const room of this.rooms.values()) count += room.connectionCount;
    return count;
  }

  has(name: string): boolean {
    return this.rooms.has(name);
  }

  /** The room, loading it if it is not in memory; cancels a pending unload. */
  open(name: string): Room {
    let room = this.rooms.get(name);
    if (!room) {
      const created = new Room(name, this.options.store, this.options.log, this.closing.get(name));
      room = created;
      this.rooms.set(name, created);
      created.loaded.catch(() => {
        // Let the next connection try loading again.
        if (this.rooms.get(name) === created) this.rooms.delete(name);
        void created.close(1011, 'This document could not be loaded; try again later.');
      });
    }
    const timer = this.unloadTimers.get(room);
    if (timer) {
      clearTimeout(timer);
      this.unloadTimers.delete(room);
    }
    return room;
  }

  /** Call when a connection left a room: unloads the room later if nobody is left. */
  scheduleUnloadIfIdle(room: Room): void {
    if (room.connectionCount > 0 || this.rooms.get(room.name) !== room || this.unloadTimers.has(room)) return;
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room);
      if (room.connectionCount > 0 || this.rooms.get(room.name) !== room) return;
      this.rooms.delete(room.name);
      const closed = room.close(1001, 'Room unloaded.').finally(() => {
        if (this.closing.get(room.name) === closed) this.closing.delete(room.name);
      });
      this.closing.set(room.name, closed);
    }, this.unloadDelayMs);
    timer.unref();
    this.unloadTimers.set(room, timer);
  }

  /** Closes every room's connections with `code` and waits for all pending writes. */
  async closeAll(code: number, reason: string): Promise<void> {
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    const rooms = [...this.rooms.values()];
    this.rooms.clear();
    await Promise.all([...rooms.map((room) => room.close(code, reason)), ...this.closing.values()]);
  }
}

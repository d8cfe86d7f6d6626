import { isCaseId, WORKSPACE_ROOM } from '@casefile/model';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type CustodyEntry, makeCustodyEntry, summarizeUpdate } from './custodyLog.js';
import type { CaseRecord, DocumentStore } from './persistence.js';
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

/**
 * One document in memory, its connections and their awareness (cursors, names). Every message
 * runs through one promise chain per room, in arrival order, so an update is stored, then applied,
 * then sent to the others before the next message is looked at.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  /** Connections and the awareness client ids each one controls. */
  private readonly connections = new Map<RoomConnection, Set<number>>();
  private queue: Promise<void>;
  /** Messages waiting in the queue: senders are held back when it grows (connection.ts). */
  private waiting = 0;
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
    this.queue = this.loaded.catch(() => {
      this.loadFailed = true;
    });
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Tasks queued and not yet done. */
  get backlog(): number {
    return this.waiting;
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
    return this.enqueue(async () => {
      switch (message.type) {
        case 'sync-step-1':
          connection.send(encodeSyncStep2(this.doc, message.stateVector));
          return;
        case 'update': {
          if (!connection.access.canWrite) {
            // A viewer's updates are dropped, never stored, applied or relayed, and not acknowledged:
            // its client keeps them as not on the server, which is the truth.
            if (!message.isEmpty && !this.droppedLogged.has(connection)) {
              this.droppedLogged.add(connection);
              this.log(
                `Room ${this.name}: dropping updates from ${connection.access.user} (${connection.access.role}).`,
              );
            }
            return;
          }
          if (!message.isEmpty) await this.storeAndApply(connection, message.update);
          // Only now: the ack tells the client its change survives a crash of this server.
          connection.acknowledgeUpdate?.(Y.encodeStateVector(this.doc));
          return;
        }
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
    await this.queue;
    this.awareness.destroy();
    this.doc.destroy();
  }

  private async storeAndApply(connection: RoomConnection, update: Uint8Array): Promise<void> {
    const isCase = this.name !== WORKSPACE_ROOM;
    const { user, role } = connection.access;
    const creating = isCase && this.caseRecord === null && !this.hasStoredUpdates;
    if (creating && !connection.access.canCreate) {
      // Only an editor or owner of every case may create one; an invitation covers an existing case.
      if (!this.droppedLogged.has(connection)) {
        this.droppedLogged.add(connection);
        this.log(`Room ${this.name}: ${user} may not create this case; dropping the update.`);
      }
      return;
    }
    let custody: CustodyEntry | undefined;
    if (isCase) {
      const { summary, clientTime } = summarizeUpdate(update, this.doc);
      custody = makeCustodyEntry(this.lastCustody, { user, role, update, summary, clientTime });
    }
    const caseRecord = creating ? { owner: user, createdAt: new Date().toISOString() } : undefined;
    // Persist before broadcast: a client that has seen an update must find it after a crash.
    try {
      await this.store.append(this.name, update, {
        ...(custody ? { custody } : {}),
        ...(caseRecord ? { caseRecord } : {}),
      });
    } catch (error) {
      this.log(`Could not store an update for room ${this.name}: ${(error as Error).message}`);
      throw new RoomStorageError('The server could not store a change; reconnect to retry.');
    }
    if (custody) this.lastCustody = custody;
    if (caseRecord) this.caseRecord = caseRecord;
    this.hasStoredUpdates = true;
    Y.applyUpdate(this.doc, update, connection);
  }

  private enqueue(task: () => void | Promise<void>): Promise<void> {
    this.waiting++;
    const run = this.queue
      .finally(() => this.waiting--)
      .then(() => {
        if (this.loadFailed) throw new RoomStorageError('This document could not be loaded; try again later.');
        return task();
      });
    this.queue = run.catch(() => {});
    return run;
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

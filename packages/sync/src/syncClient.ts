import { ValidationError, WORKSPACE_ROOM } from '@casefile/model';
import * as decoding from 'lib0/decoding';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type Observable, ObservableValue } from './observableValue.js';
import { browserOnlineSource, type OnlineSource } from './onlineSource.js';
import { PendingChanges } from './pendingChanges.js';
import { reportingSentUpdates } from './sentMessages.js';
import { normalizeServerUrl, webSocketUrl } from './serverUrl.js';
import { MESSAGE_SYNC_ACK, readSyncAck, SYNC_ACK_PARAMS } from './syncAck.js';

/**
 * `offline`: no server, no network, or the socket closed and not retrying yet. `connecting`: the
 * socket is opening, or open and the handshake is not done. `syncing`: connected, and local
 * changes wait for the server to confirm it stored them. `synced`: connected, and the server has
 * confirmed every local change. `refused`: the server turned this room away (4401/4403: no valid
 * token, or one that does not cover it), or this device holds no token for it; `lease.refusal`
 * says why. Nothing retries until the tokens change (`SyncClient.accessChanged`).
 */
export type ConnectionStatus = 'offline' | 'connecting' | 'syncing' | 'synced' | 'refused';

const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;

export interface LocalUser {
  name: string;
  color: string;
}

export interface Peer {
  clientId: number;
  name: string;
  color: string;
  isLocal: boolean;
}

export type ProviderEvent = 'sync' | 'status' | 'update' | 'reload';
// biome-ignore lint/suspicious/noExplicitAny: listeners take each event's own arguments, as in Lexical's Provider type.
export type ProviderListener = (...args: any[]) => void;

/** What Lexical's CollaborationPluginV2__EXPERIMENTAL takes as `provider`. */
export interface CaseProvider {
  /** The room's one Awareness: the same object for every lease, and across server changes. */
  readonly awareness: Awareness;
  /** Asks for the room's socket. Idempotent per lease; the socket is shared by all leases. */
  connect(): void;
  /** Withdraws this lease's request; the socket closes when no lease wants it. Idempotent. */
  disconnect(): void;
  on(type: ProviderEvent, listener: ProviderListener): void;
  off(type: ProviderEvent, listener: ProviderListener): void;
}

export interface RoomLease extends CaseProvider {
  readonly status: Observable<ConnectionStatus>;
  /**
   * Local changes of the room (transactions, counted while this app runs; after a reload, one per
   * earlier writer session the server turns out to lack) that the server has not confirmed storing.
   * Kept while offline: it counts changes made offline too.
   */
  readonly pending: Observable<number>;
  /** When the room last became `synced` (the server had confirmed every local change); null before that. */
  readonly lastSyncedAt: Observable<Date | null>;
  /** Why the server refused this room (its close reason), while status is `refused`; else null. */
  readonly refusal: Observable<string | null>;
  readonly peers: Observable<Peer[]>;
  /** Ends the lease (disconnecting it first). Idempotent. The last release closes the room. */
  release(): void;
}

export type WebSocketClass = typeof WebSocket;

export interface SyncClientOptions {
  /** http(s)://host:port of the sync server, or null to stay local. */
  serverUrl: string | null;
  /** A WebSocket implementation where there is no global one (Node: the `ws` package). */
  WebSocketPolyfill?: WebSocketClass;
  /** Default: navigator.onLine and the window's online/offline events. */
  onlineSource?: OnlineSource;
  /**
   * The access token for a room (sent as y-websocket's `params: { token }`), or null when this
   * device holds none for it (the room is then `refused` without connecting). Called whenever a
   * room's provider is made; call `accessChanged()` when the tokens change.
   */
  tokenFor?: (room: string) => string | null;
}

export interface AcquireOptions {
  /** Whether the lease starts connected (default true). Lexical's connect() is then a no-op. */
  connect?: boolean;
}

const PROVIDER_EVENTS: ProviderEvent[] = ['sync', 'status', 'update', 'reload'];

function samePeers(a: Peer[], b: Peer[]): boolean {
  return (
    a.length === b.length &&
    a.every((peer, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        peer.clientId === other.clientId &&
        peer.name === other.name &&
        peer.color === other.color &&
        peer.isLocal === other.isLocal
      );
    })
  );
}

function userOf(state: Record<string, unknown>): { name: string; color: string } | null {
  const user = state.user as { name?: unknown; color?: unknown } | undefined;
  // Lexical writes its own name/color at the top level of the state; prefer ours.
  const name = typeof user?.name === 'string' ? user.name : typeof state.name === 'string' ? state.name : null;
  if (name === null) return null;
  const color = typeof user?.color === 'string' ? user.color : typeof state.color === 'string' ? state.color : '';
  return { name, color };
}

/**
 * One room (a case id or the workspace): its document, its one Awareness, and the one
 * WebsocketProvider that every lease shares. The provider is replaced when the server changes;
 * leases and awareness stay.
 */
class Room {
  readonly awareness: Awareness;
  readonly status = new ObservableValue<ConnectionStatus>('offline');
  readonly pendingChanges = new PendingChanges();
  readonly lastSyncedAt = new ObservableValue<Date | null>(null);
  readonly refusal = new ObservableValue<string | null>(null);
  readonly peers: ObservableValue<Peer[]>;
  readonly leases = new Set<Lease>();
  private provider: WebsocketProvider | null = null;
  private connectedLeases = 0;
  /** Whether we asked the current provider for a socket (y-websocket may give up by itself on 44xx). */
  private socketRequested = false;
  private readonly detachProvider: Array<() => void> = [];
  private readonly stopCountingPending: () => void;

  constructor(
    private readonly client: SyncClient,
    readonly name: string,
    readonly doc: Y.Doc,
  ) {
    this.awareness = new Awareness(doc);
    this.peers = new ObservableValue<Peer[]>([], samePeers);
    this.awareness.on('change', this.onAwarenessChange);
    // Before any provider's listener: a change is recorded before y-websocket sends it (PendingChanges.updateSent).
    doc.on('update', this.onDocumentUpdate);
    this.stopCountingPending = this.pendingChanges.count.subscribe(() => {
      this.updateStatus();
      this.client.roomPendingChanged();
    });
    this.applyLocalUser();
    this.updatePeers();
    this.createProvider();
  }

  /** The socket of the current provider, for shareCases' flush. */
  get socket(): WebSocket | null {
    return this.provider?.ws ?? null;
  }

  leaseConnected(delta: 1 | -1): void {
    this.connectedLeases += delta;
    this.update();
  }

  /** Opens or closes the socket to match what leases want and whether the device is online. */
  update(): void {
    const wanted = this.connectedLeases > 0 && this.client.isOnline() && this.provider !== null;
    if (wanted && !this.socketRequested) {
      this.socketRequested = true;
      this.provider?.connect();
    } else if (!wanted && this.socketRequested) {
      this.socketRequested = false;
      this.provider?.disconnect();
    }
    this.updateStatus();
  }

  /** Moves the room to the client's current server: a new provider, the same doc and awareness. */
  replaceProvider({ sameServer = false }: { sameServer?: boolean } = {}): void {
    this.destroyProvider();
    // When it last synced with another server says nothing about this one.
    if (!sameServer) this.lastSyncedAt.set(null);
    this.refusal.set(null);
    this.createProvider();
    this.update();
  }

  applyLocalUser(): void {
    const user = this.client.localUser;
    if (!user) return;
    const state = this.awareness.getLocalState();
    if (state === null) this.awareness.setLocalState({ user: { ...user } });
    else {
      const current = state.user as Partial<LocalUser> | undefined;
      if (current?.name !== user.name || current?.color !== user.color) {
        this.awareness.setLocalStateField('user', { ...user });
      }
    }
  }

  destroy(): void {
    this.destroyProvider();
    this.doc.off('update', this.onDocumentUpdate);
    this.stopCountingPending();
    this.awareness.off('change', this.onAwarenessChange);
    this.awareness.destroy();
    this.status.set('offline');
    this.status.clear();
    this.lastSyncedAt.clear();
    this.refusal.clear();
    this.peers.clear();
  }

  emit(type: ProviderEvent, args: unknown[]): void {
    for (const lease of [...this.leases]) lease.emit(type, args);
  }

  private createProvider(): void {
    const serverUrl = this.client.serverUrl;
    if (serverUrl === null) {
      this.pendingChanges.forgetAll();
      return;
    }
    const token = this.client.tokenFor ? this.client.tokenFor(this.name) : undefined;
    if (token === null) {
      this.refusal.set(
        this.name === WORKSPACE_ROOM
          ? 'Sign in first: open an invitation link. Without one for every case, only the cases you were invited to are listed.'
          : 'Sign in first: you hold no invitation for this case on this server. Open the invitation link you were given.',
      );
      return;
    }
    const socketClass = this.client.webSocketPolyfill ?? (globalThis.WebSocket as WebSocketClass | undefined);
    const pending = this.pendingChanges;
    const provider = new WebsocketProvider(webSocketUrl(serverUrl), this.name, this.doc, {
      connect: false,
      awareness: this.awareness,
      // Tabs of one browser already share documents through IndexedDB (y-dexie); a
      // BroadcastChannel would also pass updates between clients that should each be on the
      // server, and hide a dead socket.
      disableBc: true,
      params: { ...SYNC_ACK_PARAMS, ...(token ? { token } : {}) },
      ...(socketClass
        ? { WebSocketPolyfill: reportingSentUpdates(socketClass, (socket, kind) => pending.updateSent(socket, kind)) }
        : {}),
    });
    this.provider = provider;
    this.socketRequested = false;
    this.watchServerState(provider);
    const recompute = () => {
      // y-websocket emits 'connection-close' before it updates its own state.
      queueMicrotask(() => this.updateStatus());
    };
    for (const type of ['status', 'sync'] as const) {
      const forward = (...args: unknown[]) => {
        this.updateStatus();
        recompute();
        this.emit(type, args);
      };
      provider.on(type, forward);
      this.detachProvider.push(() => provider.off(type, forward));
    }
    for (const type of ['connection-close', 'connection-error', 'closed'] as const) {
      provider.on(type, recompute);
      this.detachProvider.push(() => provider.off(type, recompute));
    }
    const onClose = () => pending.connectionLost();
    provider.on('connection-close', onClose);
    this.detachProvider.push(() => provider.off('connection-close', onClose));
    // y-websocket stops retrying after a 44xx close (4401, 4403: refused) and reports it here.
    const onRefused = ({ code, reason }: { code: number; reason: string }) => {
      this.refusal.set(reason || `The server refused this connection (code ${code}).`);
      this.updateStatus();
    };
    provider.on('closed', onRefused);
    this.detachProvider.push(() => provider.off('closed', onRefused));
  }

  /**
   * Reads what the server holds: its sync step 1 on connecting (its state vector, before
   * y-websocket answers it) and its sync acks.
   */
  private watchServerState(provider: WebsocketProvider): void {
    const handleSync = provider.messageHandlers[MESSAGE_SYNC];
    if (!handleSync) throw new Error('y-websocket no longer handles sync messages under their usual number.');
    provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, from, emitSynced, messageType) => {
      const peek = decoding.clone(decoder);
      if (from.ws && decoding.readVarUint(peek) === SYNC_STEP_1) {
        const server = Y.decodeStateVector(decoding.readVarUint8Array(peek));
        this.pendingChanges.serverStateReceived(from.ws, server, Y.decodeStateVector(Y.encodeStateVector(this.doc)));
      }
      handleSync(encoder, decoder, from, emitSynced, messageType);
    };
    provider.messageHandlers[MESSAGE_SYNC_ACK] = (_encoder, decoder, from) => {
      const ack = readSyncAck(decoder);
      if (from.ws) this.pendingChanges.acknowledged(from.ws, ack.updatesHandled, ack.stateVector);
    };
  }

  private destroyProvider(): void {
    const provider = this.provider;
    if (!provider) return;
    // Disconnect first while we still forward events: Lexical hears 'disconnected'.
    if (this.socketRequested) provider.disconnect();
    this.socketRequested = false;
    for (const detach of this.detachProvider.splice(0)) detach();
    provider.destroy();
    this.provider = null;
    this.pendingChanges.connectionLost();
    this.updateStatus();
  }

  private updateStatus(): void {
    const provider = this.provider;
    let status: ConnectionStatus = 'offline';
    if (this.refusal.get() !== null && this.client.serverUrl !== null) status = 'refused';
    else if (provider && this.socketRequested && this.client.isOnline()) {
      if (provider.synced && provider.wsconnected) status = this.pendingChanges.count.get() > 0 ? 'syncing' : 'synced';
      else if (provider.wsconnected || provider.wsconnecting) status = 'connecting';
    }
    const was = this.status.get();
    this.status.set(status);
    if (status === 'synced' && was !== 'synced') this.lastSyncedAt.set(new Date());
  }

  private readonly onDocumentUpdate = (
    _update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    transaction: Y.Transaction,
  ) => {
    const provider = this.provider;
    // With no server nothing is sent, so nothing waits (were one set later, its first handshake
    // finds what it lacks). What the server sent is on the server; everything else (edits, other
    // tabs' changes through IndexedDB) y-websocket sends, and the server has yet to confirm.
    if (this.client.serverUrl === null || (provider !== null && origin === provider)) return;
    // A room refused for want of a token has no provider: its changes wait all the same.
    const openSocket = provider?.wsconnected ? provider.ws : null;
    this.pendingChanges.recordLocalChange(transaction, openSocket);
  };

  private readonly onAwarenessChange = () => {
    // Lexical replaces the whole local state when an editor mounts; put the user back.
    const user = this.client.localUser;
    const state = this.awareness.getLocalState();
    if (user && state !== null) {
      const current = state.user as Partial<LocalUser> | undefined;
      if (current?.name !== user.name || current?.color !== user.color) {
        this.awareness.setLocalStateField('user', { ...user });
        return; // the nested change has updated the peers
      }
    }
    this.updatePeers();
  };

  private updatePeers(): void {
    const peers: Peer[] = [];
    for (const [clientId, state] of this.awareness.getStates()) {
      const user = userOf(state);
      if (user) peers.push({ clientId, ...user, isLocal: clientId === this.awareness.clientID });
    }
    peers.sort(
      (a, b) => Number(b.isLocal) - Number(a.isLocal) || a.name.localeCompare(b.name) || a.clientId - b.clientId,
    );
    this.peers.set(peers);
  }
}

/** The lease handed to callers (and to Lexical): a stable facade over the room's current provider. */
class Lease implements RoomLease {
  private connected = false;
  private released = false;
  private readonly listeners = new Map<ProviderEvent, Set<ProviderListener>>();
  readonly status: Observable<ConnectionStatus>;
  readonly pending: Observable<number>;
  readonly lastSyncedAt: Observable<Date | null>;
  readonly refusal: Observable<string | null>;
  readonly peers: Observable<Peer[]>;

  constructor(
    private readonly room: Room,
    private readonly onRelease: (lease: Lease) => void,
  ) {
    this.status = { get: room.status.get, subscribe: room.status.subscribe };
    this.pending = room.pendingChanges.count;
    this.lastSyncedAt = { get: room.lastSyncedAt.get, subscribe: room.lastSyncedAt.subscribe };
    this.refusal = { get: room.refusal.get, subscribe: room.refusal.subscribe };
    this.peers = { get: room.peers.get, subscribe: room.peers.subscribe };
  }

  get awareness(): Awareness {
    return this.room.awareness;
  }

  connect(): void {
    if (this.released || this.connected) return;
    this.connected = true;
    this.room.leaseConnected(1);
  }

  disconnect(): void {
    if (!this.connected) return;
    this.connected = false;
    this.room.leaseConnected(-1);
  }

  on(type: ProviderEvent, listener: ProviderListener): void {
    if (!PROVIDER_EVENTS.includes(type)) return;
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener);
  }

  off(type: ProviderEvent, listener: ProviderListener): void {
    this.listeners.get(type)?.delete(listener);
  }

  emit(type: ProviderEvent, args: unknown[]): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener(...args);
  }

  release(): void {
    if (this.released) return;
    this.disconnect();
    this.released = true;
    this.listeners.clear();
    this.onRelease(this);
  }
}

const roomOfLease = new WeakMap<RoomLease, Room>();

/** The socket a lease's room currently uses (null when none): for shareCases to see its data sent. */
export function leaseSocket(lease: RoomLease): WebSocket | null {
  return roomOfLease.get(lease)?.socket ?? null;
}

/**
 * The client side of sync: one shared WebsocketProvider per room, handed out as leases. A room's
 * socket is open while at least one of its leases is connected, the device is online and a
 * server is set.
 */
export class SyncClient {
  private currentServerUrl: string | null;
  private readonly rooms = new Map<string, Room>();
  private readonly online: OnlineSource;
  private readonly stopFollowingOnline: () => void;
  private user: LocalUser | null = null;
  private destroyed = false;
  private readonly pendingTotal = new ObservableValue(0);
  readonly webSocketPolyfill: WebSocketClass | undefined;
  readonly tokenFor: ((room: string) => string | null) | undefined;
  /**
   * Local changes of every open room that the server has not confirmed (RoomLease.pending, summed).
   * A room whose last lease was released no longer counts: its changes wait in local storage
   * until the case is opened again.
   */
  readonly pending: Observable<number> = { get: this.pendingTotal.get, subscribe: this.pendingTotal.subscribe };

  constructor(options: SyncClientOptions) {
    this.currentServerUrl = options.serverUrl === null ? null : normalizeServerUrl(options.serverUrl);
    this.webSocketPolyfill = options.WebSocketPolyfill;
    this.tokenFor = options.tokenFor;
    this.online = options.onlineSource ?? browserOnlineSource();
    this.stopFollowingOnline = this.online.subscribe(() => {
      for (const room of this.rooms.values()) room.update();
    });
  }

  get serverUrl(): string | null {
    return this.currentServerUrl;
  }

  get localUser(): LocalUser | null {
    return this.user;
  }

  isOnline(): boolean {
    return this.online.isOnline();
  }

  /**
   * A lease on `room` for `doc`. Every lease on a room shares one provider (and socket); the
   * provider is destroyed when the last lease is released. The lease starts connected unless
   * `{ connect: false }`. With no server, status stays 'offline' and nothing connects.
   */
  acquire(room: string, doc: Y.Doc, options: AcquireOptions = {}): RoomLease {
    if (this.destroyed) throw new Error('This sync client has been destroyed; create a new one.');
    let shared = this.rooms.get(room);
    if (shared && shared.doc !== doc) {
      throw new Error(
        `Room "${room}" is already open with another copy of its document; release that lease first (one Y.Doc per case).`,
      );
    }
    if (!shared) {
      shared = new Room(this, room, doc);
      this.rooms.set(room, shared);
      this.roomPendingChanged();
    }
    const owner = shared;
    const lease = new Lease(owner, (ended) => {
      owner.leases.delete(ended);
      if (owner.leases.size === 0) {
        owner.destroy();
        if (this.rooms.get(room) === owner) this.rooms.delete(room);
        this.roomPendingChanged();
      }
    });
    owner.leases.add(lease);
    roomOfLease.set(lease, owner);
    if (options.connect ?? true) lease.connect();
    return lease;
  }

  /** Shows this investigator to others: awareness field `user` {name, color} in every room. */
  setLocalUser(user: LocalUser): void {
    if (typeof user?.name !== 'string' || typeof user.color !== 'string') {
      throw new ValidationError('A user needs a name and a colour.');
    }
    this.user = { name: user.name, color: user.color };
    for (const room of this.rooms.values()) room.applyLocalUser();
  }

  /** Moves every room to another server (or to none). Leases stay valid and keep their awareness. */
  setServer(serverUrl: string | null): void {
    const next = serverUrl === null ? null : normalizeServerUrl(serverUrl);
    if (next === this.currentServerUrl) return;
    this.currentServerUrl = next;
    for (const room of this.rooms.values()) room.replaceProvider();
  }

  /** The tokens changed (an invitation was added): every room reconnects with its token, refused ones too. */
  accessChanged(): void {
    for (const room of this.rooms.values()) room.replaceProvider({ sameServer: true });
  }

  /** Closes every room. Leases still held become inert. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.stopFollowingOnline();
    for (const room of this.rooms.values()) {
      room.leases.clear();
      room.destroy();
    }
    this.rooms.clear();
    this.pendingTotal.set(0);
    this.pendingTotal.clear();
  }

  /** Called by a room when its pending count changed, and when a room opens or closes. */
  roomPendingChanged(): void {
    let total = 0;
    for (const room of this.rooms.values()) total += room.pendingChanges.count.get();
    this.pendingTotal.set(total);
  }
}

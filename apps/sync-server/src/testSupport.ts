// Helpers shared by the server's tests: temporary data directories, a server on a free port,
// y-websocket clients as the apps use them, and waiting for something to happen.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Role } from './accessToken.js';
import { type DocumentStore, LevelDocumentStore } from './persistence.js';
import { type RunningServer, type ServerOptions, startServer } from './server.js';

const cleanups: Array<() => Promise<void> | void> = [];

/** Runs (and forgets) everything registered with `onCleanup`, newest first. Call from afterEach. */
export async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()?.();
}

export function onCleanup(task: () => Promise<void> | void): void {
  cleanups.push(task);
}

export async function makeTempDir(prefix = 'casefile-sync-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestServer extends RunningServer {
  logs: string[];
  /** A token for the team-wide owner `test-owner`, which the helpers below use unless told otherwise. */
  ownerToken: string;
  /** Signs a token with this server's key: `token('bob', 'viewer', caseId)`; expires in an hour unless `expiresInMs`. */
  token(user: string, role: Role, caseId?: string | null, expiresInMs?: number): Promise<string>;
}

/** The default token of each test server, by origin (http and ws alike), for the helpers below. */
const defaultTokens = new Map<string, string>();

function originKey(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port}`;
}

/** The token the helpers use for a test server's address, or null for another address. */
export function defaultTokenFor(url: string): string | null {
  return defaultTokens.get(originKey(url)) ?? null;
}

/** `url` with the test server's default token as `?token=` (unless it has one). */
export function withToken(url: string): string {
  const token = defaultTokenFor(url);
  if (token === null || /[?&]token=/.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

/** fetch with the test server's default token as `Authorization: Bearer`, unless one is given. */
export function authorizedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = defaultTokenFor(url);
  if (token !== null && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
  return fetch(url, { ...init, headers });
}

/** A real server on 127.0.0.1, a free port, no web app and no demo case unless asked. */
export async function startTestServer(dataDir: string, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const logs: string[] = [];
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    webRoot: null,
    seedDemo: false,
    log: (line) => logs.push(line),
    ...options,
  });
  let closed = false;
  onCleanup(async () => {
    if (!closed) await server.close();
  });
  const token = (user: string, role: Role, caseId: string | null = null, expiresInMs = 3_600_000) =>
    server.issueToken({ user, role, caseId, expiresInMs });
  const ownerToken = await token('test-owner', 'owner');
  defaultTokens.set(originKey(server.url), ownerToken);
  return {
    ...server,
    logs,
    ownerToken,
    token,
    close: async () => {
      closed = true;
      await server.close();
    },
  };
}

type WebSocketClass = NonNullable<NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill']>;

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Every message the server sent this client, over all its sockets. */
  received: Uint8Array[];
  /** Every close the server sent (code and reason), in order. */
  closes: Array<{ code: number; reason: string }>;
  /** Resolves once the client has received the server's state (sync step 2). */
  synced: Promise<void>;
  destroy(): void;
}

/**
 * A y-websocket 3 client, as the apps connect, through Node's `ws`. `params`: the socket URL's
 * query; `token` goes in it as y-websocket's `params: { token }` (default: the test server's
 * owner token; null for none).
 */
export function connectClient(
  url: string,
  room: string,
  doc: Y.Doc = new Y.Doc(),
  { params, token }: { params?: Record<string, string>; token?: string | null } = {},
): TestClient {
  const chosen = token === undefined ? defaultTokenFor(url) : token;
  const received: Uint8Array[] = [];
  const closes: Array<{ code: number; reason: string }> = [];
  class RecordingWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
        received.push(Array.isArray(data) ? Buffer.concat(data) : new Uint8Array(data));
      });
      this.on('close', (code: number, reason: Buffer) => closes.push({ code, reason: reason.toString() }));
    }
  }
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: RecordingWebSocket as unknown as WebSocketClass,
    params: { ...params, ...(chosen !== null ? { token: chosen } : {}) },
    // Clients in one process would otherwise also sync through BroadcastChannel, bypassing the server.
    disableBc: true,
    maxBackoffTime: 200,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
  let destroyed = false;
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    provider.destroy();
    doc.destroy();
  };
  onCleanup(destroy);
  return { doc, provider, received, closes, synced, destroy };
}

/** Polls until `condition` holds; fails with `what` (what a user would have seen go wrong) after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function wsUrl(httpUrl: string, path: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}${path}`;
}

/** Opens a raw WebSocket (no Yjs client), with the test server's default token, and resolves once it is open. */
export function openRawSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(withToken(url));
    onCleanup(() => socket.terminate());
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with the close code and reason the server sent. */
export function closedWith(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** The HTTP status a WebSocket upgrade was refused with, or 101 if it was accepted. */
export function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => {
      socket.terminate();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      socket.terminate();
    });
    socket.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

export interface HeldWrites {
  /** Pass as ServerOptions.openStore: LevelDB, but every write of updates waits until released. */
  openStore: (dataDir: string) => Promise<DocumentStore>;
  /** Writes waiting to be let through. */
  readonly waiting: number;
  /** Updates whose LevelDB write has completed. */
  readonly completed: number;
  /** How many updates each write held, in order. */
  readonly batchSizes: readonly number[];
  /** Lets every waiting write go on to LevelDB. */
  release(): void;
}

/** A slow disk: every write of updates (a room stores them in batches) waits until the test lets it through. */
export function holdWrites(): HeldWrites {
  const held: Array<() => void> = [];
  const batchSizes: number[] = [];
  let completed = 0;
  return {
    openStore: async (dataDir: string) => {
      const store = await LevelDocumentStore.open(dataDir);
      return Object.assign(Object.create(store) as DocumentStore, {
        appendAll: async (...args: Parameters<DocumentStore['appendAll']>) => {
          batchSizes.push(args[0].length);
          await new Promise<void>((resolve) => held.push(resolve));
          await store.appendAll(...args);
          completed += args[0].length;
        },
      });
    },
    get waiting() {
      return held.length;
    },
    get completed() {
      return completed;
    },
    batchSizes,
    release() {
      for (const resolve of held.splice(0)) resolve();
    },
  };
}

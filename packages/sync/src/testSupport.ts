// Helpers for the sync tests: a real server on a free port, clients with `ws` as their
// WebSocket (counting the sockets they open), an online switch, and waiting for things.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '@casefile/sync-server';
import { WebSocket as NodeWebSocket } from 'ws';
import type { OnlineSource } from './onlineSource.js';
import { SyncClient, type WebSocketClass } from './syncClient.js';

const cleanups: Array<() => unknown> = [];

/** Each test server's owner token, by host:port: the clients below sign in with it. */
const ownerTokens = new Map<string, string>();

function originKey(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port}`;
}

/** Mints the team-wide owner token tests use on `server` and remembers it for its address. */
export async function registerTestServer(server: RunningServer): Promise<string> {
  const token = await server.issueToken({ user: 'test-owner', role: 'owner', expiresInMs: 3_600_000 });
  ownerTokens.set(originKey(server.url), token);
  return token;
}

/** The owner token of the test server at `url`, or null for any other address. */
export function testTokenFor(url: string | null): string | null {
  return url === null ? null : (ownerTokens.get(originKey(url)) ?? null);
}

/** `Authorization: Bearer` for the test server at `url` (none for another address). */
export function testAuthHeaders(url: string | null): Record<string, string> {
  const token = testTokenFor(url);
  return token ? { authorization: `Bearer ${token}` } : {};
}

export async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()?.();
}

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Client connections the server holds now (from its /health report). */
  connections(): Promise<number>;
}

/** A real server on 127.0.0.1: a free port, or `port` (to bring a stopped server back where clients look for it). */
export async function startTestServer(dataDir?: string, { port = 0 }: { port?: number } = {}): Promise<TestServer> {
  let dir = dataDir;
  if (!dir) {
    const made = await mkdtemp(join(tmpdir(), 'casefile-sync-client-test-'));
    cleanups.push(() => rm(made, { recursive: true, force: true }));
    dir = made;
  }
  const server = await startServer({
    port,
    host: '127.0.0.1',
    dataDir: dir,
    webRoot: null,
    seedDemo: false,
    log: () => {},
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server.close();
  };
  cleanups.push(close);
  await registerTestServer(server);
  return {
    ...server,
    close,
    dataDir: dir,
    async connections() {
      const response = await fetch(`${server.url}/health`);
      return ((await response.json()) as { connections: number }).connections;
    },
  };
}

/** A client's socket, with every message it sent and received (binary frames, in order). */
export interface RecordedSocket extends NodeWebSocket {
  readonly sent: Uint8Array[];
  readonly received: Uint8Array[];
}

/** The `ws` WebSocket, recording every socket a client opens and its traffic from the start. */
export function countingWebSocket(): { WebSocketPolyfill: WebSocketClass; sockets: RecordedSocket[] } {
  const sockets: RecordedSocket[] = [];
  class CountingWebSocket extends NodeWebSocket implements RecordedSocket {
    readonly sent: Uint8Array[] = [];
    readonly received: Uint8Array[] = [];
    constructor(...args: ConstructorParameters<typeof NodeWebSocket>) {
      super(...args);
      sockets.push(this);
      const send = this.send.bind(this);
      this.send = ((data: unknown, ...rest: unknown[]) => {
        if (data instanceof Uint8Array || data instanceof ArrayBuffer) this.sent.push(new Uint8Array(data));
        (send as (...args: unknown[]) => void)(data, ...rest);
      }) as NodeWebSocket['send'];
      this.on('message', (data) => {
        this.received.push(Array.isArray(data) ? Buffer.concat(data) : new Uint8Array(data as ArrayBuffer));
      });
    }
  }
  return { WebSocketPolyfill: CountingWebSocket as unknown as WebSocketClass, sockets };
}

export function openSockets(sockets: readonly NodeWebSocket[]): number {
  return sockets.filter((socket) => socket.readyState === NodeWebSocket.OPEN).length;
}

/** An online/offline switch standing in for the browser's events. */
export class OnlineSwitch implements OnlineSource {
  private online = true;
  private readonly listeners = new Set<(online: boolean) => void>();

  isOnline(): boolean {
    return this.online;
  }

  subscribe(listener: (online: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(online: boolean): void {
    this.online = online;
    for (const listener of this.listeners) listener(online);
  }
}

export interface TestClient {
  client: SyncClient;
  sockets: RecordedSocket[];
  online: OnlineSwitch;
}

export function makeClient(serverUrl: string | null): TestClient {
  const { WebSocketPolyfill, sockets } = countingWebSocket();
  const online = new OnlineSwitch();
  const client: SyncClient = new SyncClient({
    serverUrl,
    WebSocketPolyfill,
    onlineSource: online,
    // Signed in as the test server's owner, wherever the client is moved to.
    tokenFor: () => testTokenFor(client.serverUrl),
  });
  cleanups.push(() => client.destroy());
  return { client, sockets, online };
}

export async function until(check: () => boolean | Promise<boolean>, message: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

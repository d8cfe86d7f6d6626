import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { type WebSocket, WebSocketServer } from 'ws';
import { AccessControl } from './accessControl.js';
import { accessRoute, handleAccessRequest } from './accessRoutes.js';
import { type AccessClaims, AuthError, bearerToken, type TokenRequest, tokenFromUpgradeUrl } from './accessToken.js';
import { BlobFiles } from './blobFiles.js';
import { type BlobAuthorizer, blobAddress, DEFAULT_MAX_BLOB_BYTES, handleBlobRequest } from './blobRoutes.js';
import {
  attachConnection,
  CLOSE_GOING_AWAY,
  CLOSE_TRY_AGAIN_LATER,
  closeReason,
  startKeepalive,
} from './connection.js';
import { seedDemoCaseOnce } from './demoSeed.js';
import { ExportSlots, exportAddress, serveExportRequest } from './exportRoutes.js';
import { healthReport, sendHealth } from './health.js';
import { DEFAULT_MESSAGE_RATE, MessageRate, type MessageRateLimit } from './messageRate.js';
import { type DocumentStore, LevelDocumentStore } from './persistence.js';
import { wantsSyncAcks } from './protocol.js';
import { isRoomName, type RoomConnection, RoomRegistry } from './room.js';
import { serveStaticFile } from './staticFiles.js';

/**
 * Larger messages are refused (the socket is closed with 1009). A large case's first sync step 2
 * is a few MB; evidence bytes never travel in messages.
 */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** Open sockets one user may hold at once (one per open room: the list, open cases, cases being shared). */
export const DEFAULT_MAX_CONNECTIONS_PER_USER = 64;
/** How often revocations are re-read from disk (the CLI writes them beside a running server). */
export const DEFAULT_REVOCATION_CHECK_MS = 10_000;
/** Messages a room may have queued before senders are turned away (1013) until it catches up. */
export const DEFAULT_MAX_ROOM_BACKLOG = 2000;

/** The renderer's web build, when the server runs from the repository. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../desktop/dist/web', import.meta.url));

export interface ServerOptions {
  /** 0 picks a free port. Default 1234. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  dataDir: string;
  /** Built web app to serve; null serves none. Default: apps/desktop/dist/web of this repository. */
  webRoot?: string | null;
  /** Write the demo case into a new data directory (default true). */
  seedDemo?: boolean;
  log?: (line: string) => void;
  /** How long a room stays in memory after its last client left (default 30 s). */
  roomUnloadDelayMs?: number;
  /** Opens the document store (default: LevelDB in `<dataDir>/documents`). */
  openStore?: (dataDir: string, log: (line: string) => void) => Promise<DocumentStore>;
  /** Larger blob uploads are refused with 413 (default 100 MiB). */
  maxBlobBytes?: number;
  /** Larger WebSocket messages close the connection with 1009 (default 16 MiB). */
  maxMessageBytes?: number;
  /** Messages per second and burst per user, over all their sockets (default 300/s, bursts of 1500); over it: closed with 1008. */
  messageRate?: MessageRateLimit;
  /** Sockets one user may hold open at once (default 64); more are closed with 1013. */
  maxConnectionsPerUser?: number;
  /** How often revocations are re-read from the data directory (default 10 s). */
  revocationCheckMs?: number;
  /** Queued messages a room accepts before it turns senders away with 1013 (default 2000). */
  maxRoomBacklog?: number;
}

export interface RunningServer {
  port: number;
  /** http://host:port */
  url: string;
  /** Signs a token with this server's key (the first owner's link; tests). */
  issueToken(request: TokenRequest): Promise<string>;
  /** Stops accepting, closes sockets (1001), waits for pending writes, closes the store. */
  close(): Promise<void>;
}

/** An open, authenticated socket: who holds it, for which room, and how to end it. */
interface LiveConnection {
  claims: AccessClaims;
  room: string;
  connection: RoomConnection;
  expiryTimer: NodeJS.Timeout | null;
}

function rejectUpgrade(socket: Duplex, status: number, statusText: string, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** The room named by an upgrade request's path: exactly one segment, no encoding, no dot segments. */
function roomFromUpgradePath(url: string | undefined): string | null {
  const path = (url ?? '').split('?')[0] ?? '';
  const match = /^\/([^/]+)$/.exec(path);
  return match?.[1] && isRoomName(match[1]) ? match[1] : null;
}

/** Gives clients a moment to answer the close handshake (so they see 1001), then drops the rest. */
async function closeSocketsWithin(sockets: WebSocketServer, ms: number): Promise<void> {
  const open = [...sockets.clients];
  const allClosed = Promise.all(open.map((ws) => new Promise((done) => ws.once('close', done))));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([allClosed, new Promise((done) => (timer = setTimeout(done, ms)))]);
  clearTimeout(timer);
  for (const ws of sockets.clients) ws.terminate();
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const host = options.host ?? '127.0.0.1';
  const openStore =
    options.openStore ?? ((dataDir: string, storeLog) => LevelDocumentStore.open(dataDir, { log: storeLog }));
  const store = await openStore(options.dataDir, log);
  const startedAt = Date.now();

  let blobFiles: BlobFiles;
  let access: AccessControl;
  try {
    access = await AccessControl.open(options.dataDir, store);
    blobFiles = await BlobFiles.open(options.dataDir);
    if (options.seedDemo ?? true) await seedDemoCaseOnce(store, blobFiles, log);
  } catch (error) {
    await store.close();
    throw error;
  }

  let webRoot = options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot;
  if (webRoot !== null && !existsSync(webRoot)) {
    log(`No web app at ${webRoot} (build it with: pnpm build); serving sync and /health only.`);
    webRoot = null;
  }

  const rooms = new RoomRegistry({ store, log, unloadDelayMs: options.roomUnloadDelayMs });
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes ?? MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
  });
  const stopKeepalive = startKeepalive(sockets);
  const messageRate = options.messageRate ?? DEFAULT_MESSAGE_RATE;
  const maxRoomBacklog = options.maxRoomBacklog ?? DEFAULT_MAX_ROOM_BACKLOG;
  const rates = new Map<string, MessageRate>();
  const rateOf = (user: string) => {
    let rate = rates.get(user);
    if (!rate) {
      rate = new MessageRate(messageRate);
      rates.set(user, rate);
    }
    return rate;
  };
  const maxConnectionsPerUser = options.maxConnectionsPerUser ?? DEFAULT_MAX_CONNECTIONS_PER_USER;
  let closing = false;
  const live = new Set<LiveConnection>();
  const connectionsOf = (user: string) => {
    let count = 0;
    for (const entry of live) if (entry.claims.user === user) count++;
    return count;
  };
  /** Closes every connection whose token was revoked since it connected. */
  const enforceRevocations = () => {
    for (const entry of [...live]) {
      const refusal = access.refusal(entry.claims, entry.room);
      if (refusal) entry.connection.close(refusal.closeCode, refusal.message);
    }
  };
  const revocationTimer = setInterval(() => {
    access.revocations.reload().then(
      (changed) => {
        if (changed) enforceRevocations();
      },
      (error: unknown) => log(`Could not re-read the revocations: ${(error as Error).message}`),
    );
  }, options.revocationCheckMs ?? DEFAULT_REVOCATION_CHECK_MS);
  revocationTimer.unref();
  const authorizeBlob: BlobAuthorizer = async (req, caseId, blobAccess) => {
    try {
      const claims = await access.authenticate(bearerToken(req.headers.authorization));
      await access.roleForCase(claims, caseId, blobAccess === 'write' ? 'editor' : 'viewer');
      return null;
    } catch (error) {
      if (error instanceof AuthError) return { status: error.status, message: error.message };
      throw error;
    }
  };
  // Blob requests still running; the store closes only after they have recorded what they stored.
  const blobRequests = new Set<Promise<void>>();
  const blobRouteOptions = {
    store,
    files: blobFiles,
    maxBlobBytes: options.maxBlobBytes ?? DEFAULT_MAX_BLOB_BYTES,
    authorize: authorizeBlob,
    log,
  };
  // Exports still running (they read the store); whoever may read a case's files may export it.
  const exportRequests = new Set<Promise<void>>();
  const exportRouteOptions = {
    store,
    blobs: blobFiles,
    authorize: (req: IncomingMessage, caseId: string) => authorizeBlob(req, caseId, 'read'),
    slots: new ExportSlots(),
    log,
  };
  const accessRouteOptions = { access, store, onRevoked: enforceRevocations };

  const http = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const blob = blobAddress(path);
    if (blob) {
      const handled = handleBlobRequest(req, res, blob, blobRouteOptions)
        .catch((error) => {
          log(`Blob request failed: ${(error as Error).message}`);
          if (res.headersSent) res.destroy();
          else {
            res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
            res.end(JSON.stringify({ error: 'Internal error; nothing was changed. Try again.' }));
          }
        })
        .finally(() => blobRequests.delete(handled));
      blobRequests.add(handled);
      return;
    }
    const accessAddress = accessRoute(path);
    if (accessAddress) {
      handleAccessRequest(req, res, accessAddress, accessRouteOptions).catch((error) => {
        log(`Access request failed: ${(error as Error).message}`);
        if (res.headersSent) res.destroy();
        else {
          res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ error: 'Internal error; nothing was changed. Try again.' }));
        }
      });
      return;
    }
    const exportCaseId = exportAddress(path);
    if (exportCaseId !== null) {
      const handled = serveExportRequest(req, res, exportCaseId, exportRouteOptions).finally(() =>
        exportRequests.delete(handled),
      );
      exportRequests.add(handled);
      return;
    }
    if (path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
      sendHealth(res, healthReport({ rooms: rooms.size, connections: rooms.connectionCount }, startedAt));
      return;
    }
    serveStaticFile(webRoot, req, res).catch((error) => {
      log(`Serving ${path} failed: ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error.\n');
    });
  });

  // A malformed request or a socket reset answers that client only; the process goes on.
  http.on('clientError', (_error, socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (closing) {
      rejectUpgrade(socket, 503, 'Service Unavailable', 'The server is shutting down.');
      return;
    }
    const roomName = roomFromUpgradePath(req.url);
    if (roomName === null) {
      rejectUpgrade(socket, 400, 'Bad Request', 'Not a room: connect to /workspace or /<case id>.');
      return;
    }
    void admit(req, roomName).then((decision) => {
      if (socket.destroyed) return;
      sockets.handleUpgrade(req, socket, head, (ws) => {
        sockets.emit('connection', ws, req);
        if ('refusal' in decision) {
          // Refused after the handshake, so that a browser sees the code and reason (an HTTP
          // refusal reaches it as a bare 1006); nothing of the room is ever sent.
          ws.close(decision.refusal.code, closeReason(decision.refusal.reason));
          return;
        }
        connect(ws, req, roomName, decision.claims, decision.access);
      });
    });
  });

  type Admission =
    | { claims: AccessClaims; access: Awaited<ReturnType<AccessControl['authorizeRoom']>> }
    | { refusal: { code: number; reason: string } };

  /** Decides on a socket before anything of the room is loaded or sent. */
  async function admit(req: IncomingMessage, roomName: string): Promise<Admission> {
    try {
      const claims = await access.authenticate(tokenFromUpgradeUrl(req.url));
      const roomAccess = await access.authorizeRoom(claims, roomName);
      if (connectionsOf(claims.user) >= maxConnectionsPerUser) {
        return {
          refusal: {
            code: CLOSE_TRY_AGAIN_LATER,
            reason: `Too many open connections for ${claims.user}; close some cases and retry.`,
          },
        };
      }
      return { claims, access: roomAccess };
    } catch (error) {
      if (error instanceof AuthError) return { refusal: { code: error.closeCode, reason: error.message } };
      log(`Could not check access to a room: ${(error as Error).message}`);
      return { refusal: { code: 1011, reason: 'The server could not check your access; try again.' } };
    }
  }

  function connect(
    ws: WebSocket,
    req: IncomingMessage,
    roomName: string,
    claims: AccessClaims,
    roomAccess: Awaited<ReturnType<AccessControl['authorizeRoom']>>,
  ): void {
    const room = rooms.open(roomName);
    const entry: LiveConnection = {
      claims,
      room: roomName,
      connection: null as unknown as RoomConnection,
      expiryTimer: null,
    };
    entry.connection = attachConnection(ws, room, {
      access: roomAccess,
      log,
      onClosed: () => {
        live.delete(entry);
        if (connectionsOf(claims.user) === 0) rates.delete(claims.user);
        if (entry.expiryTimer) clearTimeout(entry.expiryTimer);
        rooms.scheduleUnloadIfIdle(room);
      },
      // A viewer's updates are dropped, so acks (which confirm stored updates) would mislead it.
      syncAcks: wantsSyncAcks(req.url) && roomAccess.canWrite,
      rate: rateOf(claims.user),
      maxRoomBacklog,
    });
    live.add(entry);
    const untilExpiry = claims.expiresAt - Date.now();
    // Timers hold at most about 24 days; a longer token is caught by a later reconnect's check.
    if (untilExpiry < 2 ** 31 - 1) {
      entry.expiryTimer = setTimeout(
        () => entry.connection.close(4401, 'Your access token has expired. Ask the case owner for a new invitation.'),
        Math.max(0, untilExpiry),
      );
      entry.expiryTimer.unref();
    }
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    http.once('error', rejectListen);
    http.listen(options.port ?? 1234, host, () => {
      http.off('error', rejectListen);
      resolveListen();
    });
  }).catch(async (error) => {
    stopKeepalive();
    clearInterval(revocationTimer);
    await store.close();
    throw error;
  });

  const port = (http.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | null = null;

  return {
    port,
    url: `http://${urlHost}:${port}`,
    issueToken: (request) => access.issue(request),
    close() {
      closed ??= (async () => {
        closing = true;
        stopKeepalive();
        clearInterval(revocationTimer);
        for (const entry of live) if (entry.expiryTimer) clearTimeout(entry.expiryTimer);
        const httpClosed = new Promise<void>((done) => http.close(() => done()));
        http.closeIdleConnections();
        await rooms.closeAll(CLOSE_GOING_AWAY, 'The server is shutting down.');
        await closeSocketsWithin(sockets, 1000);
        sockets.close();
        http.closeAllConnections();
        await httpClosed;
        await Promise.allSettled([...blobRequests, ...exportRequests]);
        await store.close();
      })();
      return closed;
    },
  };
}

import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { BlobFiles } from './blobFiles.js';
import { type BlobAuthorizer, blobAddress, DEFAULT_MAX_BLOB_BYTES, handleBlobRequest } from './blobRoutes.js';
import { attachConnection, CLOSE_GOING_AWAY, startKeepalive } from './connection.js';
import { seedDemoCaseOnce } from './demoSeed.js';
import { ExportSlots, exportAddress, serveExportRequest } from './exportRoutes.js';
import { healthReport, sendHealth } from './health.js';
import { type DocumentStore, LevelDocumentStore } from './persistence.js';
import { wantsSyncAcks } from './protocol.js';
import { isRoomName, RoomRegistry } from './room.js';
import { serveStaticFile } from './staticFiles.js';

/** Larger messages are refused (the socket is closed with 1009); a whole case document is far smaller. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

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
  /** Access control for blob requests (default: everyone who knows the case id may read and write). */
  authorizeBlob?: BlobAuthorizer;
}

export interface RunningServer {
  port: number;
  /** http://host:port */
  url: string;
  /** Stops accepting, closes sockets (1001), waits for pending writes, closes the store. */
  close(): Promise<void>;
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
  try {
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
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const stopKeepalive = startKeepalive(sockets);
  let closing = false;
  // Blob requests still running; the store closes only after they have recorded what they stored.
  const blobRequests = new Set<Promise<void>>();
  const blobRouteOptions = {
    store,
    files: blobFiles,
    maxBlobBytes: options.maxBlobBytes ?? DEFAULT_MAX_BLOB_BYTES,
    authorize: options.authorizeBlob,
    log,
  };
  // Exports still running (they read the store); whoever may read a case's files may export it.
  const exportRequests = new Set<Promise<void>>();
  const exportRouteOptions = {
    store,
    blobs: blobFiles,
    authorize: (req: IncomingMessage, caseId: string) => options.authorizeBlob?.(req, caseId, 'read') ?? null,
    slots: new ExportSlots(),
    log,
  };

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
    sockets.handleUpgrade(req, socket, head, (ws) => {
      sockets.emit('connection', ws, req);
      const room = rooms.open(roomName);
      attachConnection(ws, room, {
        log,
        onClosed: () => rooms.scheduleUnloadIfIdle(room),
        syncAcks: wantsSyncAcks(req.url),
      });
    });
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    http.once('error', rejectListen);
    http.listen(options.port ?? 1234, host, () => {
      http.off('error', rejectListen);
      resolveListen();
    });
  }).catch(async (error) => {
    stopKeepalive();
    await store.close();
    throw error;
  });

  const port = (http.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | null = null;

  return {
    port,
    url: `http://${urlHost}:${port}`,
    close() {
      closed ??= (async () => {
        closing = true;
        stopKeepalive();
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

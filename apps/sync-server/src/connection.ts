import type { WebSocket, WebSocketServer } from 'ws';
import type { MessageRate } from './messageRate.js';
import { decodeClientMessage, encodeSyncAck, MalformedMessageError } from './protocol.js';
import { type ConnectionAccess, type Room, type RoomConnection, RoomStorageError } from './room.js';

/** Close codes the server uses (RFC 6455; 4400 mirrors HTTP 400 and tells y-websocket not to reconnect). */
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_UNSUPPORTED_DATA = 1003;
export const CLOSE_POLICY_VIOLATION = 1008;
export const CLOSE_INTERNAL_ERROR = 1011;
export const CLOSE_TRY_AGAIN_LATER = 1013;
export const CLOSE_MALFORMED_MESSAGE = 4400;

// A WebSocket close reason is at most 123 bytes.
export function closeReason(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return bytes.length <= 123 ? text : new TextDecoder().decode(bytes.slice(0, 120)).replace(/\uFFFD$/, '');
}

/**
 * Connects one client socket to its room. A message the server cannot read closes this
 * connection only (4400) and is never stored or applied; the room and other clients go on.
 */
export function attachConnection(
  socket: WebSocket,
  room: Room,
  options: {
    access: ConnectionAccess;
    log: (line: string) => void;
    onClosed: () => void;
    syncAcks?: boolean;
    /** The sending user's bucket, shared by all their sockets (a new socket must not refill it). */
    rate: MessageRate;
    /** A room with more queued messages than this refuses more (1013) until it has caught up. */
    maxRoomBacklog: number;
  },
): RoomConnection {
  let closing = false;
  let updatesHandled = 0;
  const rate = options.rate;
  const send = (message: Uint8Array) => {
    if (socket.readyState === socket.OPEN) socket.send(message);
  };
  const connection: RoomConnection = {
    access: options.access,
    send,
    close(code, reason) {
      closing = true;
      socket.close(code, closeReason(reason));
    },
    ...(options.syncAcks
      ? {
          acknowledgeUpdate(stateVector: Uint8Array) {
            updatesHandled++;
            send(encodeSyncAck(updatesHandled, stateVector));
          },
        }
      : {}),
  };
  void room.join(connection).catch(() => {});

  socket.on('message', (data, isBinary) => {
    // Messages already buffered behind a bad one are ignored.
    if (closing) return;
    if (!rate.take()) {
      options.log(`Room ${room.name}: closing a connection of ${options.access.user} that sent too many messages.`);
      connection.close(CLOSE_POLICY_VIOLATION, 'Too many messages: slow down; reconnecting in a moment.');
      return;
    }
    if (room.backlog > options.maxRoomBacklog) {
      // Memory stays bounded whatever clients send: the sender retries after a back-off.
      options.log(
        `Room ${room.name}: closing a connection of ${options.access.user}: the room is ${room.backlog} messages behind.`,
      );
      connection.close(CLOSE_TRY_AGAIN_LATER, 'The server is busy with this case; reconnecting in a moment.');
      return;
    }
    if (!isBinary) {
      connection.close(
        CLOSE_UNSUPPORTED_DATA,
        'Text messages are not accepted: this endpoint speaks the binary y-websocket protocol.',
      );
      return;
    }
    let message: ReturnType<typeof decodeClientMessage>;
    try {
      message = decodeClientMessage(toBytes(data));
    } catch (error) {
      const detail = error instanceof MalformedMessageError ? error.message : 'unreadable message';
      options.log(`Room ${room.name}: closing a connection that sent ${detail}.`);
      connection.close(CLOSE_MALFORMED_MESSAGE, `Malformed message: ${detail}.`);
      return;
    }
    room.receive(connection, message).catch((error) => {
      if (error instanceof RoomStorageError) {
        connection.close(CLOSE_INTERNAL_ERROR, error.message);
        return;
      }
      options.log(`Room ${room.name}: could not handle a message: ${(error as Error).message}`);
      connection.close(CLOSE_INTERNAL_ERROR, 'The server could not handle a message; reconnect to retry.');
    });
  });

  socket.on('close', () => {
    room.leave(connection);
    options.onClosed();
  });
  socket.on('error', (error) => options.log(`Room ${room.name}: connection error: ${error.message}`));
  return connection;
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

const alive = new WeakSet<WebSocket>();

/**
 * Pings every client periodically and drops the ones that did not answer the previous ping, so
 * that a vanished laptop's cursor and room do not stay forever.
 */
export function startKeepalive(server: WebSocketServer, intervalMs = 30_000): () => void {
  server.on('connection', (socket) => {
    alive.add(socket);
    socket.on('pong', () => alive.add(socket));
  });
  const timer = setInterval(() => {
    for (const socket of server.clients) {
      if (!alive.has(socket)) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

import { type WebSocket, WebSocketServer } from 'ws';

/**
 * The baseline server: a bare `ws` broadcast, no protocol, no storage. Every message a socket sends
 * goes, as is, to every other socket connected with the same path (room). Run as its own process
 * (`node --import tsx bareRelayServer.ts`), as the sync server is, so both pay the same process
 * and loopback costs; it prints the port it listens on.
 */
const rooms = new Map<string, Set<WebSocket>>();
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });

server.on('connection', (socket, request) => {
  const name = request.url ?? '/';
  let room = rooms.get(name);
  if (!room) {
    room = new Set();
    rooms.set(name, room);
  }
  const members = room;
  members.add(socket);
  socket.on('message', (data, isBinary) => {
    for (const other of members) {
      if (other !== socket && other.readyState === other.OPEN) other.send(data, { binary: isBinary });
    }
  });
  socket.on('close', () => members.delete(socket));
});

server.on('listening', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`bare relay listening on ws://127.0.0.1:${address.port}`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));

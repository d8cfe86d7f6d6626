import type { ConnectionStatus } from '@casefile/sync';

/** host[:port] of a sync server address, as people say it ("127.0.0.1:1234", "sync.example.org"). */
export function serverHost(serverUrl: string): string {
  try {
    return new URL(serverUrl).host || serverUrl;
  } catch {
    return serverUrl;
  }
}

/**
 * The connection indicator's sentence. It always starts with "Offline", "Connecting" or
 * "Synced" (tests and screen-reader users rely on the first word) and says where edits are.
 */
export function connectionStatusText(status: ConnectionStatus, serverUrl: string | null): string {
  if (serverUrl === null) return 'Offline — no sync server set; changes are saved on this device';
  const host = serverHost(serverUrl);
  switch (status) {
    case 'synced':
      return `Synced with ${host}`;
    case 'connecting':
      return `Connecting to ${host}…`;
    case 'offline':
      return 'Offline — changes are saved on this device and sent when the server is back';
  }
}

import { ValidationError } from '@casefile/model';

/**
 * Checks a sync server address (http(s)://host:port, optionally with a path) and returns it
 * without a trailing slash.
 */
export function normalizeServerUrl(serverUrl: string): string {
  let url: URL;
  try {
    url = new URL(serverUrl.trim());
  } catch {
    throw new ValidationError(
      `"${serverUrl}" is not a sync server address; enter one like https://sync.example.org or http://192.168.1.20:1234.`,
    );
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
    throw new ValidationError(
      `A sync server address starts with https:// or http://, not ${url.protocol}//; enter one like https://sync.example.org.`,
    );
  }
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

/** The WebSocket address of a sync server: http -> ws, https -> wss, host and path kept. */
export function webSocketUrl(serverUrl: string): string {
  const url = new URL(normalizeServerUrl(serverUrl));
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  return url.toString().replace(/\/+$/, '');
}

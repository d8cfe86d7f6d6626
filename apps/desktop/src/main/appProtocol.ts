import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentTypeFor, resolveAppFile } from './appFileResolver.js';
import { APP_SCHEME } from './appOrigin.js';
import { contentSecurityPolicy } from './contentSecurityPolicy.js';

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * Must run before the app is ready. "standard" gives the scheme real origins (so IndexedDB and
 * relative URLs work), "secure" makes it a secure context (crypto.subtle, persistent storage).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the renderer build from `rendererDir` at casefile://app/, with the CSP on every response. */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (file) {
      try {
        const body = await readFile(file);
        return new Response(body, { headers: { ...securityHeaders, 'Content-Type': contentTypeFor(file) } });
      } catch {
        // Missing or unreadable: answered as not found below.
      }
    }
    return new Response('Not found', {
      status: 404,
      headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  });
}

/**
 * The app is served from its own privileged scheme rather than file://, so that it has a real
 * origin (IndexedDB, CSP, same-origin checks) and nothing on disk outside the renderer build is
 * reachable from it.
 */
export const APP_SCHEME = 'casefile';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is a page of the app itself: casefile://app/..., or, while developing, the
 * electron-vite dev server's origin. Node's URL gives non-special schemes the origin "null", so
 * the parts are compared, and any credentials or port make it a different place.
 */
export function isAppUrl(url: string, devServerUrl: string | null = null): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === `${APP_SCHEME}:`) {
    return parsed.host === APP_HOST && parsed.username === '' && parsed.password === '' && parsed.port === '';
  }
  if (devServerUrl) {
    const dev = parse(devServerUrl);
    return dev !== null && (dev.protocol === 'http:' || dev.protocol === 'https:') && parsed.origin === dev.origin;
  }
  return false;
}

/** An address the system browser may open: http or https only (never file:, javascript:, custom schemes). */
export function isExternalWebUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
}

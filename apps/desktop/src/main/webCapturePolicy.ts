import { randomUUID } from 'node:crypto';
import { isExternalWebUrl } from './appOrigin.js';

/**
 * The capture window's viewport in CSS pixels: a common laptop width, so pages lay out as their
 * desktop version. The screenshot is not limited to it (see webCaptureScreenshot.ts).
 */
export const CAPTURE_VIEWPORT = { width: 1280, height: 800 } as const;

/**
 * The Electron partition for one capture. No `persist:` prefix, so Electron keeps it in memory
 * only; a random name per capture, so no cookie, cache entry or storage of one capture (or of the
 * app, which uses the default session) is seen by another.
 */
export function capturePartitionName(random: () => string = randomUUID): string {
  const name = `capture-${random()}`;
  if (name.startsWith('persist:') || !/^capture-[A-Za-z0-9-]+$/.test(name)) {
    throw new Error(`Refusing an unexpected capture partition name: ${name}`);
  }
  return name;
}

export type CaptureNavigationDecision = { action: 'allow' } | { action: 'deny' };

const SUBFRAME_SCHEMES = new Set(['data:', 'blob:']);
const SUBFRAME_ABOUT = new Set(['about:blank', 'about:srcdoc']);

/**
 * Where the captured page may go. The top-level page stays on the web (http and https: links,
 * scripts and server redirects included, as in a browser), never file:, the app's own casefile:
 * scheme, chrome: pages or an external protocol handler. Frames inside it may also hold the
 * in-page kinds of document a browser builds (about:blank, about:srcdoc, data:, blob:), which
 * carry no privilege in a sandboxed window of its own session.
 */
export function decideCaptureNavigation(url: string, isMainFrame: boolean): CaptureNavigationDecision {
  if (isExternalWebUrl(url)) return { action: 'allow' };
  if (isMainFrame) return { action: 'deny' };
  if (SUBFRAME_ABOUT.has(url)) return { action: 'allow' };
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return { action: 'deny' };
  }
  return SUBFRAME_SCHEMES.has(protocol) ? { action: 'allow' } : { action: 'deny' };
}

const BROWSER_PRODUCTS = /^(Mozilla|AppleWebKit|Chrome|Safari)\//;

/**
 * Electron's user agent with the app's own and Electron's product tokens removed, leaving the
 * Chrome user agent of the Chromium it is: some sites serve a degraded or blocked page to an
 * unknown browser, and the capture should show what a reader of the page sees.
 */
export function browserLikeUserAgent(userAgent: string): string {
  return userAgent
    .replace(/(^|\s)([^\s()]+\/[^\s()]+)/g, (token, space: string, product: string) =>
      BROWSER_PRODUCTS.test(product) ? token : space === '' ? '' : ' ',
    )
    .replace(/\s+/g, ' ')
    .trim();
}

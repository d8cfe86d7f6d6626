/**
 * The Content-Security-Policy of the renderer, in one place: Electron's protocol handler sends it
 * as a header, and the web build carries it as a <meta> tag.
 * - No inline or remote script: only the bundled files.
 * - Styles from the bundle only. Lexical and React set styles through the CSSOM (element.style,
 *   constructed sheets for remote selections), which style-src does not govern, so no
 *   'unsafe-inline' is needed.
 * - connect-src is open to ws/wss/http/https because the sync server is whatever the team
 *   configures in Settings.
 * - No fonts or images from elsewhere: the app works offline and leaks nothing by loading them.
 */
const directives: ReadonlyArray<readonly [name: string, sources: string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self'"],
  ['connect-src', "'self' ws: wss: http: https:"],
  ['worker-src', "'self'"],
  ['manifest-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** Directives a <meta> tag may not carry (browsers ignore them there, with a console warning). */
const headerOnly = new Set(['frame-ancestors']);

export function contentSecurityPolicy(options: { forMetaTag?: boolean } = {}): string {
  return directives
    .filter(([name]) => !(options.forMetaTag && headerOnly.has(name)))
    .map(([name, sources]) => `${name} ${sources}`)
    .join('; ');
}

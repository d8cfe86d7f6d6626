import { type CasefileBridge, DesktopOnlyError } from '../../shared/bridge';

/**
 * The bridge in a plain browser: what a browser can do, done here; a capability only the desktop
 * app has rejects with DesktopOnlyError ("… needs the Casefile desktop app"), never silently.
 */
export function createWebBridge(): CasefileBridge {
  return {
    getAppInfo: async () => ({ platform: 'web', version: __CASEFILE_VERSION__ }),
    // A page cannot load another site's page and read its pixels or its resources (same-origin
    // policy), so web capture exists only in the desktop app's hidden capture window.
    captureWebPage: async () => {
      throw new DesktopOnlyError('Capturing a web page');
    },
  } satisfies CasefileBridge;
}

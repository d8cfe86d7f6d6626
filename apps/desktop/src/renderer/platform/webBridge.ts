import type { CasefileBridge } from '../../shared/bridge';

/**
 * The bridge in a plain browser: what a browser can do, done here; a capability only the desktop
 * app has rejects with DesktopOnlyError ("… needs the Casefile desktop app"), never silently.
 */
export function createWebBridge(): CasefileBridge {
  return {
    getAppInfo: async () => ({ platform: 'web', version: __CASEFILE_VERSION__ }),
  } satisfies CasefileBridge;
}

import { isAppUrl, isExternalWebUrl } from './appOrigin.js';

export type NavigationDecision = { action: 'allow' } | { action: 'deny'; openExternally: boolean };

/**
 * The window never leaves the app: a navigation elsewhere (a stray link, a script setting
 * location) is cancelled. Only the app's own pages load in it.
 */
export function decideNavigation(url: string, devServerUrl: string | null = null): NavigationDecision {
  return isAppUrl(url, devServerUrl) ? { action: 'allow' } : { action: 'deny', openExternally: false };
}

/**
 * No new Electron windows, ever. A web link the user opens (target=_blank, window.open) goes to
 * the system browser, where it cannot reach the bridge; any other scheme is dropped.
 */
export function decideWindowOpen(url: string): NavigationDecision {
  return { action: 'deny', openExternally: isExternalWebUrl(url) };
}

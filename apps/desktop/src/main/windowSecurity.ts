import { type Session, shell, type WebContents } from 'electron';
import { decideNavigation, decideWindowOpen } from './navigationPolicy.js';

/**
 * Applied to every web contents the app creates: no navigation away from the app, no new
 * windows (web links go to the system browser), no <webview>.
 */
export function lockDownWebContents(contents: WebContents, devServerUrl: string | null): void {
  const refuseNavigation = (event: { url: string; preventDefault(): void }) => {
    if (decideNavigation(event.url, devServerUrl).action !== 'allow') event.preventDefault();
  };
  contents.on('will-navigate', refuseNavigation);
  contents.on('will-frame-navigate', refuseNavigation);
  contents.on('will-redirect', refuseNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.action === 'deny' && decision.openExternally) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** Camera, microphone, geolocation, notifications…: nothing is granted, and nothing is asked. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * The web preferences every window of the app is created with (the Electron security checklist):
 * isolated, sandboxed renderers with no Node, no <webview>, no insecure content. A window adds
 * only what is its own (preload, session, size of the page…); the locked-down values are applied
 * last, so a caller cannot switch one off by mistake.
 */
export const LOCKED_DOWN_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  experimentalFeatures: false,
} as const;

export function lockedDownWebPreferences<Extra extends object>(
  extra: Extra,
): Extra & typeof LOCKED_DOWN_WEB_PREFERENCES {
  return { ...extra, ...LOCKED_DOWN_WEB_PREFERENCES };
}

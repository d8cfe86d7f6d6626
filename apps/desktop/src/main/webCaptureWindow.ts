import { BrowserWindow, type Certificate, type Session, session, type WebContents } from 'electron';
import type { CaptureBrowser, CapturePageEvent } from './webCapture.js';
import {
  browserLikeUserAgent,
  CAPTURE_VIEWPORT,
  capturePartitionName,
  decideCaptureNavigation,
} from './webCapturePolicy.js';
import { planFullPageClip, screenshotBytes } from './webCaptureScreenshot.js';
import { saveToTempAndRead } from './webCaptureTempFile.js';
import { lockedDownWebPreferences } from './webPreferencesPolicy.js';
import { denyAllPermissions } from './windowSecurity.js';

// Thin Electron shell of the web capture: every decision lives in the plain webCapture*.ts
// modules beside it (tested in Node); this file only wires them to Electron's objects.

/** Chromium's net::ERR_ABORTED: a navigation replaced by another (a redirect), not a failure. */
const ERR_ABORTED = -3;

const captureSessions = new WeakSet<Session>();
const lockedDownContents = new WeakSet<WebContents>();

/** True for the session of a capture window; index.ts gives those the capture policy, not the app's. */
export function isCaptureSession(candidate: Session): boolean {
  return captureSessions.has(candidate);
}

/**
 * The capture window's counterpart of lockDownWebContents, applied from `web-contents-created`
 * before anything loads: the page may move around the web but never to another scheme, no
 * window.open, no <webview>, and no client certificate from the user's store is ever offered.
 */
export function lockDownCaptureContents(contents: WebContents): void {
  const refuse = (event: { url: string; isMainFrame: boolean; preventDefault(): void }) => {
    if (decideCaptureNavigation(event.url, event.isMainFrame).action !== 'allow') event.preventDefault();
  };
  contents.on('will-navigate', refuse);
  contents.on('will-frame-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('select-client-certificate', (event, _url, _certificates, callback) => {
    // Without preventDefault Electron picks the first certificate in the store; calling back with
    // none continues without one.
    event.preventDefault();
    (callback as (certificate?: Certificate) => void)();
  });
  lockedDownContents.add(contents);
}

export interface CaptureWindowOptions {
  /** Where the MHTML snapshot is written for a moment (the system's temporary directory). */
  tmpRoot: string;
}

async function fullPagePng(contents: WebContents): Promise<Uint8Array> {
  const cdp = contents.debugger;
  cdp.attach('1.3');
  try {
    const { clip } = planFullPageClip(await cdp.sendCommand('Page.getLayoutMetrics'));
    const answer = await cdp.sendCommand('Page.captureScreenshot', {
      format: 'png',
      captureBeyondViewport: true,
      fromSurface: true,
      clip,
    });
    return screenshotBytes(answer);
  } finally {
    if (cdp.isAttached()) cdp.detach();
  }
}

/**
 * Opens one capture: a fresh in-memory session (random partition, nothing granted, downloads
 * refused) and a hidden, sandboxed window in it with no preload (so no bridge, no IPC: the page
 * cannot reach the app). JavaScript stays on, since many pages render nothing without it.
 */
export async function openCaptureWindow(
  onEvent: (event: CapturePageEvent) => void,
  { tmpRoot }: CaptureWindowOptions,
): Promise<CaptureBrowser> {
  const captureSession = session.fromPartition(capturePartitionName());
  captureSessions.add(captureSession);
  denyAllPermissions(captureSession);
  captureSession.setSpellCheckerEnabled(false);
  captureSession.on('will-download', (event, item) => {
    // Electron does not route webContents.savePage through this event, so the snapshot is unaffected.
    event.preventDefault();
    onEvent({ type: 'download-refused', url: item.getURL() });
  });

  let window: BrowserWindow | null = null;
  const dispose = async () => {
    if (window && !window.isDestroyed()) window.destroy(); // destroy(): no beforeunload can keep it open
    await captureSession.closeAllConnections();
    await captureSession.clearStorageData();
    await captureSession.clearCache();
    await captureSession.clearAuthCache();
    await captureSession.clearHostResolverCache();
  };

  try {
    window = new BrowserWindow({
      show: false,
      // Painted although hidden, so that the screenshot has frames to copy.
      paintWhenInitiallyHidden: true,
      width: CAPTURE_VIEWPORT.width,
      height: CAPTURE_VIEWPORT.height,
      useContentSize: true,
      skipTaskbar: true,
      focusable: false,
      webPreferences: lockedDownWebPreferences({
        session: captureSession,
        javascript: true,
        spellcheck: false,
        disableDialogs: true,
        autoplayPolicy: 'document-user-activation-required' as const,
        backgroundThrottling: false,
      }),
    });
  } catch (error) {
    await dispose();
    throw error;
  }
  const contents = window.webContents;
  if (!lockedDownContents.has(contents)) {
    // index.ts applies the capture policy in web-contents-created; without it, load nothing.
    await dispose();
    throw new Error('The capture window was not locked down, so nothing was loaded.');
  }
  contents.setAudioMuted(true);
  contents.setUserAgent(browserLikeUserAgent(contents.getUserAgent()));

  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) onEvent({ type: 'navigation-started', url: details.url });
  });
  contents.on('did-redirect-navigation', (details) => {
    if (details.isMainFrame) onEvent({ type: 'redirected', url: details.url });
  });
  contents.on('will-redirect', (details) => {
    if (details.isMainFrame && decideCaptureNavigation(details.url, true).action !== 'allow') {
      onEvent({ type: 'redirect-blocked', url: details.url });
    }
  });
  contents.on('did-finish-load', () => onEvent({ type: 'load-finished' }));
  contents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (isMainFrame && code !== ERR_ABORTED) onEvent({ type: 'load-failed', url, code, description });
  });
  contents.on('render-process-gone', (_event, details) => onEvent({ type: 'renderer-gone', reason: details.reason }));

  return {
    load: (url) => {
      // Its rejection repeats what did-fail-load already reported.
      contents.loadURL(url).catch(() => {});
    },
    currentUrl: () => contents.getURL(),
    title: () => contents.getTitle(),
    screenshotPng: () => fullPagePng(contents),
    snapshotMhtml: () => saveToTempAndRead(tmpRoot, (path) => contents.savePage(path, 'MHTML')),
    dispose,
  };
}

import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { APP_ENTRY_URL, isAppUrl } from './appOrigin.js';
import { registerAppScheme, serveAppProtocol } from './appProtocol.js';
import { registerBridgeHandlers } from './bridgeIpc.js';
import { printHtmlToPdf } from './dossierPrintWindow.js';
import { createExportHandlers } from './exportHandlers.js';
import { createMainWindow } from './mainWindow.js';
import { createSafeStorageTokenVault } from './tokenVaultElectron.js';
import { createWebCapturer } from './webCapture.js';
import { isCaptureSession, lockDownCaptureContents, openCaptureWindow } from './webCaptureWindow.js';
import { denyAllPermissions, lockDownWebContents } from './windowSecurity.js';

// electron-vite sets this while developing; a packaged app always loads casefile://app/.
const devServerUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
const rendererDir = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');

app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // The app's own windows, leaving out hidden capture windows (never to be focused or shown).
  const appWindows = () => BrowserWindow.getAllWindows().filter((w) => !isCaptureSession(w.webContents.session));
  app.on('second-instance', () => {
    const [window] = appWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  // A web capture's hidden window browses the web under its own policy (webCaptureWindow.ts);
  // every other web contents is held to the app.
  app.on('web-contents-created', (_event, contents) => {
    if (isCaptureSession(contents.session)) lockDownCaptureContents(contents);
    else lockDownWebContents(contents, devServerUrl);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    serveAppProtocol(rendererDir);
    const captureWebPage = createWebCapturer({
      openBrowser: (onEvent) => openCaptureWindow(onEvent, { tmpRoot: app.getPath('temp') }),
    });
    const tokenVault = createSafeStorageTokenVault();
    registerBridgeHandlers(
      ipcMain,
      {
        getAppInfo: () => ({ platform: 'desktop', version: app.getVersion() }),
        captureWebPage: async ({ url }) => {
          const { finalUrl, title, capturedAt, screenshot, snapshot } = await captureWebPage(url);
          return { finalUrl, title, capturedAt, screenshot, snapshot };
        },
        readAccessTokens: () => tokenVault.read(),
        storeAccessTokens: ({ byServer }) => tokenVault.store(byServer),
        deleteAccessTokens: async () => {
          await tokenVault.delete();
          return { deleted: true };
        },
        ...createExportHandlers({
          showSaveDialog: async (options) => {
            const owner = BrowserWindow.getFocusedWindow();
            const answer = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
            return answer.canceled || !answer.filePath ? null : answer.filePath;
          },
          defaultFolder: () => app.getPath('documents'),
          printHtmlToPdf: (html) => printHtmlToPdf(html, { tmpRoot: app.getPath('temp') }),
        }),
      },
      (frameUrl) => isAppUrl(frameUrl, devServerUrl),
    );
    const open = () => createMainWindow({ preloadPath, startUrl: devServerUrl ?? APP_ENTRY_URL });
    open();
    app.on('activate', () => {
      if (appWindows().length === 0) open();
    });
  });
}

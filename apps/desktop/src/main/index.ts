import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { APP_ENTRY_URL, isAppUrl } from './appOrigin.js';
import { registerAppScheme, serveAppProtocol } from './appProtocol.js';
import { registerBridgeHandlers } from './bridgeIpc.js';
import { createMainWindow } from './mainWindow.js';
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
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, devServerUrl));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    serveAppProtocol(rendererDir);
    registerBridgeHandlers(
      ipcMain,
      { getAppInfo: () => ({ platform: 'desktop', version: app.getVersion() }) },
      (frameUrl) => isAppUrl(frameUrl, devServerUrl),
    );
    const open = () => createMainWindow({ preloadPath, startUrl: devServerUrl ?? APP_ENTRY_URL });
    open();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open();
    });
  });
}

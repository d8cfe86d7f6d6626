import { BrowserWindow, dialog } from 'electron';
import { closesAfterPrompt, unsyncedClosePrompt } from './unsyncedClosePrompt.js';
import { lockedDownWebPreferences } from './webPreferencesPolicy.js';

export interface MainWindowOptions {
  preloadPath: string;
  startUrl: string;
}

/** The one window: locked down (webPreferencesPolicy.ts), with the bridge's preload. */
export function createMainWindow({ preloadPath, startUrl }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Casefile',
    backgroundColor: '#f7f6f2',
    webPreferences: lockedDownWebPreferences({ preload: preloadPath, spellcheck: true }),
  });
  window.once('ready-to-show', () => window.show());
  askBeforeClosingWithUnsyncedChanges(window);
  void window.loadURL(startUrl);
  return window;
}

/**
 * The renderer's beforeunload refuses to unload while changes are not on the sync server; Electron
 * then shows nothing and keeps the window, emitting `will-prevent-unload`. Ask the person instead;
 * preventDefault() on that event overrides the refusal and lets the window close.
 */
function askBeforeClosingWithUnsyncedChanges(window: BrowserWindow): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const response = dialog.showMessageBoxSync(window, {
      ...unsyncedClosePrompt,
      buttons: [...unsyncedClosePrompt.buttons],
    });
    if (closesAfterPrompt(response)) event.preventDefault();
  });
}

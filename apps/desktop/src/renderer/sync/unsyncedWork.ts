/** What this window holds that the sync server may lack. */
export interface UnsyncedWork {
  serverUrl: string | null;
  /** Changes of the open cases (and the list of cases) the server has not confirmed. */
  changes: number;
  /** Evidence files waiting to upload, of any case. */
  files: number;
}

/**
 * Whether closing now leaves something on this device only, for now, that the team expects on
 * the server. Nothing is lost either way (it is stored here and sent on the next connection); with
 * no server set nothing is ever sent, so there is nothing to warn about.
 */
export function hasUnsyncedWork({ serverUrl, changes, files }: UnsyncedWork): boolean {
  return serverUrl !== null && changes + files > 0;
}

/**
 * Asks before the window closes or reloads while `isUnsynced()` holds: the browser shows its own
 * "Leave site?" dialog; in Electron the same event reaches main as `will-prevent-unload`, which
 * asks in its own words (src/main/mainWindow.ts). Returns the way to stop asking.
 */
export function warnBeforeUnloadWhileUnsynced(target: Window, isUnsynced: () => boolean): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!isUnsynced()) return;
    event.preventDefault();
    // Chromium before 119, and so some Electron versions, look only at returnValue.
    event.returnValue = true;
  };
  target.addEventListener('beforeunload', onBeforeUnload);
  return () => target.removeEventListener('beforeunload', onBeforeUnload);
}

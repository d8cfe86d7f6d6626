import { useEffect } from 'react';
import type { CasefileServices } from '../app/startCasefile';
import { hasUnsyncedWork, warnBeforeUnloadWhileUnsynced } from './unsyncedWork';

/** While the app runs: ask before closing or reloading the window when anything is not on the sync server yet. */
export function useUnsyncedCloseWarning({ client, blobs }: Pick<CasefileServices, 'client' | 'blobs'>): void {
  useEffect(
    () =>
      warnBeforeUnloadWhileUnsynced(window, () =>
        hasUnsyncedWork({
          serverUrl: client.serverUrl,
          changes: client.pending.get(),
          files: blobs.status.get().waiting,
        }),
      ),
    [client, blobs],
  );
}

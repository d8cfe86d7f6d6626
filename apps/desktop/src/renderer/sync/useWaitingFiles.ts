import type { BlobTransfer, Observable } from '@casefile/sync';
import { useMemo } from 'react';
import { useObservable } from './useObservable';

/** Evidence files waiting to upload: those of case `caseId`, or every one when no case is given. */
export function useWaitingFiles(blobs: BlobTransfer, caseId: string | undefined): number {
  const waiting = useMemo<Observable<number>>(
    () =>
      caseId === undefined
        ? {
            get: () => blobs.status.get().waiting,
            subscribe: (listener) => blobs.status.subscribe((status) => listener(status.waiting)),
          }
        : blobs.waitingForCase(caseId),
    [blobs, caseId],
  );
  return useObservable(waiting);
}

import { acquireCaseDoc, type CasefileDatabase, listLocalCaseIds } from '@casefile/storage';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

export type CaseDocState =
  | { state: 'loading' }
  | { state: 'ready'; doc: Y.Doc }
  /** Not on this device, and there is no server to fetch it from. */
  | { state: 'absent' }
  | { state: 'failed'; error: unknown };

/**
 * The case document, loaded from this device's storage before anything renders it (an editor
 * mounted on a half-loaded document would show it empty). A case that is not stored here is only
 * opened when a sync server might have it: opening creates its local row.
 */
export function useCaseDoc(db: CasefileDatabase, caseId: string, hasServer: boolean): CaseDocState {
  const [result, setResult] = useState<CaseDocState>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    let release: (() => void) | null = null;
    setResult({ state: 'loading' });
    (async () => {
      if (!hasServer && !(await listLocalCaseIds(db)).includes(caseId)) return { state: 'absent' } as const;
      const lease = await acquireCaseDoc(db, caseId);
      if (!current) {
        lease.release();
        return null;
      }
      release = () => lease.release();
      return { state: 'ready', doc: lease.doc } as const;
    })().then(
      (next) => {
        if (current && next) setResult(next);
      },
      (error: unknown) => {
        if (current) setResult({ state: 'failed', error });
      },
    );
    return () => {
      current = false;
      release?.();
    };
  }, [db, caseId, hasServer]);
  return result;
}

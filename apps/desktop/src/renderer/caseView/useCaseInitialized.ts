import { isCaseInitialized, observeMeta } from '@casefile/model';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** True once the case holds its initial content: at once when stored here, or when it arrives by sync. */
export function useCaseInitialized(doc: Y.Doc): boolean {
  const [initialized, setInitialized] = useState(() => isCaseInitialized(doc));
  useEffect(() => {
    setInitialized(isCaseInitialized(doc));
    return observeMeta(doc, () => setInitialized(isCaseInitialized(doc)));
  }, [doc]);
  return initialized;
}

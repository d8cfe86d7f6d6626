import { type CaseEntry, listCases, observeCases } from '@casefile/model';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** The team's list of cases, newest first, live: cases created by colleagues appear as they sync. */
export function useWorkspaceCases(workspace: Y.Doc): CaseEntry[] {
  const [entries, setEntries] = useState(() => listCases(workspace));
  useEffect(() => {
    setEntries(listCases(workspace));
    return observeCases(workspace, setEntries);
  }, [workspace]);
  return entries;
}

import { observeMeta, putCaseEntry, readMeta } from '@casefile/model';
import { useEffect } from 'react';
import type * as Y from 'yjs';

/**
 * Keeps the case's entry in the team's list (title, status, updated) in step with the case,
 * whoever edits it. putCaseEntry writes nothing when the entry already matches, so several open
 * copies of a case do not echo each other.
 */
export function useWorkspaceEntrySync(workspace: Y.Doc, caseId: string, doc: Y.Doc): void {
  useEffect(() => {
    putCaseEntry(workspace, caseId, readMeta(doc));
    return observeMeta(doc, (meta) => putCaseEntry(workspace, caseId, meta));
  }, [workspace, caseId, doc]);
}

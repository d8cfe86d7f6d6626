import type * as Y from 'yjs';
import { CASE_STATUSES, type CaseMeta, type CaseStatus } from './caseDocument.js';
import { isCaseId } from './ids.js';

/**
 * The workspace document lists a team's cases so that a case created by one investigator
 * appears in everyone's list. It holds only index entries, never a case's content.
 */
export const WORKSPACE_ROOM = 'workspace';

export interface CaseEntry {
  id: string;
  title: string;
  status: CaseStatus;
  updatedAt: string;
}

function casesMap(workspace: Y.Doc): Y.Map<unknown> {
  return workspace.getMap('cases');
}

function toEntry(id: string, value: unknown): CaseEntry | null {
  if (!isCaseId(id) || typeof value !== 'object' || value === null) return null;
  const raw = value as Record<string, unknown>;
  const status = CASE_STATUSES.includes(raw.status as CaseStatus) ? (raw.status as CaseStatus) : 'open';
  return {
    id,
    title: typeof raw.title === 'string' ? raw.title : '',
    status,
    updatedAt: typeof raw.updatedAt === 'string' ? raw.updatedAt : '',
  };
}

/** Entries newest first. */
export function listCases(workspace: Y.Doc): CaseEntry[] {
  const entries: CaseEntry[] = [];
  for (const [id, value] of casesMap(workspace).entries()) {
    const entry = toEntry(id, value);
    if (entry) entries.push(entry);
  }
  return entries.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
}

export function getCaseEntry(workspace: Y.Doc, id: string): CaseEntry | null {
  return toEntry(id, casesMap(workspace).get(id));
}

/** Records a case's title and status in the list; writes nothing when they already match. */
export function putCaseEntry(
  workspace: Y.Doc,
  id: string,
  meta: Pick<CaseMeta, 'title' | 'status' | 'updatedAt'>,
): void {
  if (!isCaseId(id)) throw new Error(`Not a case id: ${JSON.stringify(id)}`);
  const current = getCaseEntry(workspace, id);
  if (
    current &&
    current.title === meta.title &&
    current.status === meta.status &&
    current.updatedAt >= meta.updatedAt
  ) {
    return;
  }
  casesMap(workspace).set(id, { title: meta.title, status: meta.status, updatedAt: meta.updatedAt });
}

export function observeCases(workspace: Y.Doc, listener: (entries: CaseEntry[]) => void): () => void {
  const map = casesMap(workspace);
  const onChange = () => listener(listCases(workspace));
  map.observe(onChange);
  return () => map.unobserve(onChange);
}

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isCaseId, newCaseId } from './ids.js';
import { getCaseEntry, listCases, observeCases, putCaseEntry } from './workspaceDocument.js';

describe('the workspace list', () => {
  it('lists cases newest first and ignores entries that are not cases', () => {
    const ws = new Y.Doc();
    const older = newCaseId();
    const newer = newCaseId();
    putCaseEntry(ws, older, { title: 'Older', status: 'open', updatedAt: '2026-01-01T00:00:00.000Z' });
    putCaseEntry(ws, newer, { title: 'Newer', status: 'published', updatedAt: '2026-02-01T00:00:00.000Z' });
    ws.getMap('cases').set('../etc/passwd', { title: 'junk' });
    expect(listCases(ws).map((entry) => entry.title)).toEqual(['Newer', 'Older']);
    expect(getCaseEntry(ws, '../etc/passwd')).toBeNull();
  });

  it('refuses an id that is not a case id', () => {
    const ws = new Y.Doc();
    expect(() => putCaseEntry(ws, 'workspace', { title: 'x', status: 'open', updatedAt: '' })).toThrow(/Not a case id/);
    expect(listCases(ws)).toEqual([]);
  });

  it('merges cases created on two replicas and tells observers', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const seen: number[] = [];
    observeCases(b, (entries) => seen.push(entries.length));
    putCaseEntry(a, newCaseId(), { title: 'From A', status: 'open', updatedAt: '2026-01-01T00:00:00.000Z' });
    putCaseEntry(b, newCaseId(), { title: 'From B', status: 'open', updatedAt: '2026-01-02T00:00:00.000Z' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(listCases(a)).toEqual(listCases(b));
    expect(listCases(a)).toHaveLength(2);
    expect(seen).toEqual([1, 2]);
  });
});

describe('case ids', () => {
  it('are 24 random characters, never repeated', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newCaseId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(isCaseId(id)).toBe(true);
    expect(isCaseId('workspace')).toBe(false);
  });
});

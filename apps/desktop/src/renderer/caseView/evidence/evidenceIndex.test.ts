import {
  addClaim,
  captureEvidence,
  deleteClaim,
  deleteEvidence,
  type Evidence,
  initCase,
  updateEvidence,
} from '@casefile/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EvidenceIndex } from './evidenceIndex';

const change = { by: { id: 'alice', name: 'Alice' } };
const sha = (digit: string) => digit.repeat(64);

function caseWithEvidence(count: number): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc();
  initCase(doc, { title: 'Index test' });
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    ids.push(
      captureEvidence(
        doc,
        {
          kind: 'file',
          captureTool: 'Casefile test (file input)',
          title: `File ${index}`,
          files: [{ sha256: sha(String(index % 10)), size: 1, mime: 'text/plain', name: 'a.txt', role: 'original' }],
        },
        change,
      ),
    );
  }
  return { doc, ids };
}

describe('EvidenceIndex', () => {
  it('reads the evidence already in the case', () => {
    const { doc } = caseWithEvidence(3);
    const index = new EvidenceIndex(doc);
    expect(
      index
        .getSnapshot()
        .map((item) => item.title)
        .sort(),
    ).toEqual(['File 0', 'File 1', 'File 2']);
  });

  it('re-reads only the item a change touched, so the other items stay the same objects', () => {
    const { doc, ids } = caseWithEvidence(3);
    const index = new EvidenceIndex(doc);
    let notified = 0;
    const stop = index.subscribe(() => notified++);
    const before = new Map(index.getSnapshot().map((item) => [item.id, item]));
    const [first, second] = ids as [string, string];
    updateEvidence(doc, first, { description: 'seen on Telegram' }, change);
    const after = new Map(index.getSnapshot().map((item) => [item.id, item]));
    expect(notified).toBe(1);
    expect(after.get(first)?.description).toBe('seen on Telegram');
    expect(after.get(first)).not.toBe(before.get(first));
    expect(after.get(second)).toBe(before.get(second));
    stop();
  });

  it('follows items added, tags changed and tombstones, including a collaborator’s', () => {
    const { doc, ids } = caseWithEvidence(1);
    const index = new EvidenceIndex(doc);
    const stop = index.subscribe(() => {});
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const [id] = ids as [string];
    updateEvidence(remote, id, { tags: ['denial'] }, change);
    deleteEvidence(remote, id, 'duplicate', change);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
    const item = index.get(id) as Evidence;
    expect(item.tags).toEqual(['denial']);
    expect(item.deleted?.reason).toBe('duplicate');
    captureEvidence(
      doc,
      { kind: 'link', captureTool: 'Casefile test (link form)', sourceUrl: 'https://example.org/' },
      change,
    );
    expect(index.getSnapshot()).toHaveLength(2);
    stop();
  });

  it('drops a link to a claim deleted elsewhere', () => {
    const { doc, ids } = caseWithEvidence(1);
    const [id] = ids as [string];
    const claim = addClaim(doc, { text: 'NATO opened a centre' }, change);
    updateEvidence(doc, id, { claimIds: [claim] }, change);
    const index = new EvidenceIndex(doc);
    const stop = index.subscribe(() => {});
    expect(index.get(id)?.claimIds).toEqual([claim]);
    deleteClaim(doc, claim, change);
    expect(index.get(id)?.claimIds).toEqual([]);
    stop();
  });

  it('stops observing when the last listener leaves, and catches up when observed again', () => {
    const { doc, ids } = caseWithEvidence(1);
    const index = new EvidenceIndex(doc);
    index.subscribe(() => {})();
    const [id] = ids as [string];
    updateEvidence(doc, id, { title: 'Renamed' }, change);
    expect(index.get(id)?.title).toBe('File 0');
    const stop = index.subscribe(() => {});
    expect(index.get(id)?.title).toBe('Renamed');
    stop();
  });
});

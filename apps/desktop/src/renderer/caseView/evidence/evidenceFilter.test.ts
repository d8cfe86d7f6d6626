import { EVIDENCE_KINDS, type Evidence } from '@casefile/model';
import { describe, expect, it } from 'vitest';
import { countDeleted, DEFAULT_EVIDENCE_QUERY, type EvidenceQuery, filterEvidence } from './evidenceFilter';

const alice = { id: 'alice', name: 'Alice' };
const aigerim = { id: 'aigerim', name: 'Айгерим' };

function evidence(index: number, fields: Partial<Evidence> = {}): Evidence {
  const kind = EVIDENCE_KINDS[index % EVIDENCE_KINDS.length] ?? 'file';
  const sha256 = index.toString(16).padStart(64, '0');
  return {
    id: `item${index.toString().padStart(5, '0')}`,
    kind,
    title: `Item ${index}`,
    sourceUrl: kind === 'link' ? `https://example.org/${index}` : '',
    finalUrl: '',
    quote: '',
    files:
      kind === 'link' ? [] : [{ sha256, size: index, mime: 'image/png', name: `file-${index}.png`, role: 'original' }],
    // One item a minute from a fixed start, so capture order is index order.
    capturedAt: new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString(),
    capturedBy: index % 2 === 0 ? alice : aigerim,
    captureTool: 'Casefile 0.1.0 (file input)',
    description: '',
    reliability: null,
    credibility: null,
    tags: [],
    claimIds: [],
    actorIds: [],
    eventIds: [],
    derivedFrom: null,
    deleted: index % 100 === 99 ? { by: alice, at: '2024-02-01T00:00:00.000Z', reason: 'duplicate' } : null,
    ...fields,
  };
}

const FIVE_THOUSAND = Array.from({ length: 5000 }, (_, index) => evidence(index));

function query(fields: Partial<EvidenceQuery>): EvidenceQuery {
  return { ...DEFAULT_EVIDENCE_QUERY, ...fields };
}

describe('filterEvidence over 5,000 items', () => {
  it('hides deleted items unless asked, and counts them', () => {
    expect(countDeleted(FIVE_THOUSAND)).toBe(50);
    expect(filterEvidence(FIVE_THOUSAND, query({}))).toHaveLength(4950);
    expect(filterEvidence(FIVE_THOUSAND, query({ showDeleted: true }))).toHaveLength(5000);
  });

  it('shows the newest first by default, oldest first when asked', () => {
    const newest = filterEvidence(FIVE_THOUSAND, query({ showDeleted: true }));
    expect(newest[0]?.id).toBe('item04999');
    expect(newest.at(-1)?.id).toBe('item00000');
    const oldest = filterEvidence(FIVE_THOUSAND, query({ showDeleted: true, order: 'oldest' }));
    expect(oldest[0]?.id).toBe('item00000');
  });

  it('sorts titles as people read numbers in them', () => {
    const byTitle = filterEvidence(FIVE_THOUSAND, query({ order: 'title' }));
    expect(byTitle.slice(0, 3).map((item) => item.title)).toEqual(['Item 0', 'Item 1', 'Item 2']);
  });

  it('filters by kind', () => {
    const links = filterEvidence(FIVE_THOUSAND, query({ kind: 'link' }));
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((item) => item.kind === 'link')).toBe(true);
  });

  it('finds words anywhere a person would look, all words required, case-insensitive', () => {
    expect(filterEvidence(FIVE_THOUSAND, query({ text: 'FILE-1234.PNG' })).map((item) => item.id)).toEqual([
      'item01234',
    ]);
    const sha = (1234).toString(16).padStart(64, '0');
    expect(filterEvidence(FIVE_THOUSAND, query({ text: sha })).map((item) => item.id)).toEqual(['item01234']);
    expect(filterEvidence(FIVE_THOUSAND, query({ text: 'item 1234' })).map((item) => item.id)).toEqual(['item01234']);
  });

  it('matches Cyrillic names and text regardless of case', () => {
    const found = filterEvidence(FIVE_THOUSAND, query({ text: 'айгерим' }));
    // Every odd item is hers; the 50 deleted ones (all odd) stay hidden.
    expect(found).toHaveLength(2450);
    const items = [evidence(1, { description: 'Заявление Министерства обороны' }), evidence(2)];
    expect(filterEvidence(items, query({ text: 'министерства' })).map((item) => item.id)).toEqual(['item00001']);
  });

  it('does not change the list it is given', () => {
    const before = FIVE_THOUSAND.map((item) => item.id);
    filterEvidence(FIVE_THOUSAND, query({ order: 'title', text: 'item' }));
    expect(FIVE_THOUSAND.map((item) => item.id)).toEqual(before);
  });

  it('stays fast enough to run on every keystroke', () => {
    filterEvidence(FIVE_THOUSAND, query({ text: 'warm' }));
    const started = performance.now();
    for (const text of ['i', 'it', 'ite', 'item', 'item 4', 'item 49']) {
      filterEvidence(FIVE_THOUSAND, query({ text }));
    }
    const perKeystroke = (performance.now() - started) / 6;
    // A frame is 16 ms; a generous bound keeps slow CI machines from failing on noise.
    expect(perKeystroke).toBeLessThan(100);
  });
});

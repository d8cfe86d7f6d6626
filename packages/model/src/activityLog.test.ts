import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { observeLog, readLog } from './activityLog.js';
import { initCase, readMeta, setStatus, setSummary, setTitle } from './caseDocument.js';
import { addClaim, updateClaim } from './claims.js';
import { alice, bob, by, newCase, replicaOf, sync } from './testSupport.js';
import { setVerdictRating } from './verdict.js';

describe('the activity log', () => {
  it('records the creation of a case with its initial values and who created it', () => {
    const doc = new Y.Doc();
    initCase(
      doc,
      { title: 'Fake ballot photos', summary: 'Photos from 2019', now: new Date('2026-01-01T00:00:00Z') },
      { by: alice },
    );
    expect(readLog(doc)).toEqual([
      {
        at: '2026-01-01T00:00:00.000Z',
        by: alice,
        action: 'created',
        target: { type: 'case', id: null, label: 'Fake ballot photos' },
        fields: { title: 'Fake ballot photos', summary: 'Photos from 2019', status: 'open', language: 'en' },
      },
    ]);
    expect(readMeta(doc).createdAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('stays empty for a case created without saying who (the caller logs nothing)', () => {
    const doc = new Y.Doc();
    initCase(doc, { title: 'Quiet' });
    expect(readLog(doc)).toEqual([]);
  });

  it('folds a burst of typing in one field by one person into the entry that started it', () => {
    const doc = newCase('N');
    const t = (seconds: number) => new Date(Date.parse('2026-05-01T10:00:00.000Z') + seconds * 1000).toISOString();
    setTitle(doc, 'NA', by(alice, t(0)));
    setTitle(doc, 'NAT', by(alice, t(1)));
    setTitle(doc, 'NATO', by(alice, t(100)));
    expect(readLog(doc).filter((entry) => entry.action === 'changed')).toHaveLength(1);
    expect(readMeta(doc).title).toBe('NATO');

    setTitle(doc, 'NATO c', by(alice, t(100 + 121))); // more than two minutes after the entry
    setTitle(doc, 'NATO ce', by(bob, t(222))); // someone else
    setSummary(doc, 'A', by(bob, t(223))); // another field
    setSummary(doc, 'AB', by(bob, t(224)));
    setTitle(doc, 'NATO cen', by(bob, t(225))); // not the last entry's field any more
    const changed = readLog(doc).filter((entry) => entry.action === 'changed');
    expect(changed.map((entry) => [entry.by.name, entry.fields])).toEqual([
      ['Alice Analyst', { title: 'NA' }],
      ['Alice Analyst', { title: 'NATO c' }],
      ['Bob Researcher', { title: 'NATO ce' }],
      ['Bob Researcher', { summary: 'A' }],
      ['Bob Researcher', { title: 'NATO cen' }],
    ]);
  });

  it('records every change of a short field such as status or rating, with its value', () => {
    const doc = newCase();
    setStatus(doc, 'in review', by(alice, '2026-05-01T10:00:00.000Z'));
    setStatus(doc, 'published', by(alice, '2026-05-01T10:00:01.000Z'));
    setVerdictRating(doc, 'false', by(alice, '2026-05-01T10:00:02.000Z'));
    setVerdictRating(doc, 'misleading', by(alice, '2026-05-01T10:00:03.000Z'));
    expect(
      readLog(doc)
        .slice(1)
        .map((entry) => entry.fields),
    ).toEqual([{ status: 'in review' }, { status: 'published' }, { rating: 'false' }, { rating: 'misleading' }]);
  });

  it('folds typing in a claim’s text but keeps item creation and abbreviates long text', () => {
    const doc = newCase();
    const id = addClaim(doc, { text: 'x'.repeat(500) }, by(alice, '2026-05-01T10:00:00.000Z'));
    updateClaim(doc, id, { text: 'N' }, by(alice, '2026-05-01T10:00:01.000Z'));
    updateClaim(doc, id, { text: 'NA' }, by(alice, '2026-05-01T10:00:02.000Z'));
    const log = readLog(doc);
    expect(log.map((entry) => entry.action)).toEqual(['created', 'created', 'changed']);
    expect(String(log[1]?.fields.text).length).toBe(200);
    expect(log[1]?.fields.text).toMatch(/…$/);
  });

  it('merges the entries of two replicas in time order and tells observers', () => {
    const a = newCase();
    const b = replicaOf(a);
    const seen: number[] = [];
    const stop = observeLog(a, (entries) => seen.push(entries.length));
    setStatus(b, 'in review', by(bob, '2026-05-01T10:00:00.000Z'));
    setSummary(a, 'Later', by(alice, '2026-05-01T11:00:00.000Z'));
    sync(a, b);
    stop();
    expect(readLog(a)).toEqual(readLog(b));
    expect(readLog(a).map((entry) => entry.at)).toEqual([
      '2026-05-01T09:00:00.000Z',
      '2026-05-01T10:00:00.000Z',
      '2026-05-01T11:00:00.000Z',
    ]);
    expect(seen).toEqual([2, 3]);
  });

  it('ignores entries that are not log entries', () => {
    const doc = newCase();
    doc.getArray('log').push([{ at: 'x' }, 'junk']);
    expect(readLog(doc)).toHaveLength(1);
  });
});

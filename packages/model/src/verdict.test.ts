import { describe, expect, it } from 'vitest';
import { readLog } from './activityLog.js';
import { alice, bob, by, expectRefused, newCase, replicaOf, sync } from './testSupport.js';
import {
  readVerdict,
  setReviewer,
  setReviewState,
  setVerdictRating,
  toClaimReviewRating,
  VERDICT_RATINGS,
  type VerdictRating,
} from './verdict.js';

describe('the verdict', () => {
  it('starts as an unrated draft', () => {
    expect(readVerdict(newCase())).toEqual({
      rating: null,
      reviewer: '',
      state: 'draft',
      approvedBy: null,
      approvedAt: null,
    });
  });

  it('records rating, reviewer and state, logging each with its value', () => {
    const doc = newCase();
    setVerdictRating(doc, 'misleading', by(alice, '2026-05-01T10:00:00.000Z'));
    setReviewer(doc, 'Bob Researcher', by(alice, '2026-05-01T10:01:00.000Z'));
    setReviewState(doc, 'in review', by(alice, '2026-05-01T10:02:00.000Z'));
    expect(readVerdict(doc)).toMatchObject({ rating: 'misleading', reviewer: 'Bob Researcher', state: 'in review' });
    expect(readLog(doc).slice(-3)).toEqual([
      expect.objectContaining({
        action: 'changed',
        target: { type: 'verdict', id: null, label: 'Verdict' },
        fields: { rating: 'misleading' },
      }),
      expect.objectContaining({ action: 'changed', fields: { reviewer: 'Bob Researcher' } }),
      expect.objectContaining({ action: 'changed', fields: { state: 'in review' } }),
    ]);
  });

  it('records who approved it and when; leaving approval clears them', () => {
    const doc = newCase();
    setVerdictRating(doc, 'false', by(alice));
    setReviewState(doc, 'approved', by(bob, '2026-05-03T08:00:00.000Z'));
    expect(readVerdict(doc)).toMatchObject({
      state: 'approved',
      approvedBy: bob,
      approvedAt: '2026-05-03T08:00:00.000Z',
    });
    expect(readLog(doc).at(-1)).toMatchObject({ action: 'approved', by: bob, fields: { state: 'approved' } });
    setReviewState(doc, 'in review', by(alice, '2026-05-03T09:00:00.000Z'));
    expect(readVerdict(doc)).toMatchObject({ state: 'in review', approvedBy: null, approvedAt: null });
    setVerdictRating(doc, null, by(alice, '2026-05-03T09:01:00.000Z'));
    expect(readVerdict(doc).rating).toBeNull();
  });

  it('refuses an unknown rating or state and writes nothing', () => {
    const doc = newCase();
    expectRefused(
      doc,
      () => setVerdictRating(doc, 'pants on fire' as VerdictRating, by(alice)),
      /Unknown rating "pants on fire"; use one of: false, misleading, missingContext, mostlyTrue, true, unproven, satire/,
    );
    expectRefused(doc, () => setReviewState(doc, 'published' as never, by(alice)), /Unknown review state "published"/);
    expectRefused(doc, () => setReviewer(doc, 'x'.repeat(201), by(alice)), /at most 200 characters/);
    expectRefused(doc, () => setVerdictRating(doc, 'false', { by: { id: 'x' } } as never), /needs a name/);
  });

  it('merges a rating from one replica with a reviewer from another', () => {
    const a = newCase();
    const b = replicaOf(a);
    setVerdictRating(a, 'false', by(alice));
    setReviewer(b, 'Bob Researcher', by(bob));
    sync(a, b);
    expect(readVerdict(a)).toEqual(readVerdict(b));
    expect(readVerdict(a)).toMatchObject({ rating: 'false', reviewer: 'Bob Researcher' });
  });
});

describe('ClaimReview ratings', () => {
  it('map the five-point scale to ratingValue and give Unproven and Satire a name only', () => {
    const all = Object.fromEntries(VERDICT_RATINGS.map(({ rating }) => [rating, toClaimReviewRating(rating)]));
    const base = { '@type': 'Rating', worstRating: 1, bestRating: 5 };
    expect(all).toEqual({
      false: { ...base, alternateName: 'False', ratingValue: 1 },
      misleading: { ...base, alternateName: 'Misleading', ratingValue: 2 },
      missingContext: { ...base, alternateName: 'Missing context', ratingValue: 3 },
      mostlyTrue: { ...base, alternateName: 'Mostly true', ratingValue: 4 },
      true: { ...base, alternateName: 'True', ratingValue: 5 },
      unproven: { ...base, alternateName: 'Unproven' },
      satire: { ...base, alternateName: 'Satire' },
    });
    expect('ratingValue' in toClaimReviewRating('unproven')).toBe(false);
    expect('ratingValue' in toClaimReviewRating('satire')).toBe(false);
    expect(() => toClaimReviewRating('debunked' as VerdictRating)).toThrow(/Unknown rating "debunked"/);
  });
});

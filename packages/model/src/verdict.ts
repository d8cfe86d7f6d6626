import type * as Y from 'yjs';
import { z } from 'zod';
import { appendLogEntry } from './activityLog.js';
import { markCaseUpdated } from './caseDocument.js';
import { type Change, type CheckedChange, checkChange, type Investigator, isInvestigator } from './investigator.js';
import { parse } from './validation.js';

/**
 * The verdict scale, fixed so that every case maps to ClaimReview the same way (worstRating 1,
 * bestRating 5). Unproven and Satire are not points on that scale: they carry a name, no value.
 */
export const VERDICT_RATINGS = [
  { rating: 'false', label: 'False', ratingValue: 1 },
  { rating: 'misleading', label: 'Misleading', ratingValue: 2 },
  { rating: 'missingContext', label: 'Missing context', ratingValue: 3 },
  { rating: 'mostlyTrue', label: 'Mostly true', ratingValue: 4 },
  { rating: 'true', label: 'True', ratingValue: 5 },
  { rating: 'unproven', label: 'Unproven', ratingValue: null },
  { rating: 'satire', label: 'Satire', ratingValue: null },
] as const;
export type VerdictRating = (typeof VERDICT_RATINGS)[number]['rating'];

export const REVIEW_STATES = ['draft', 'in review', 'approved'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export interface Verdict {
  rating: VerdictRating | null;
  reviewer: string;
  state: ReviewState;
  /** Who approved it and when; set only while the verdict is approved. */
  approvedBy: Investigator | null;
  approvedAt: string | null;
}

/** schema.org `Rating` for a ClaimReview's `reviewRating`. */
export interface ClaimReviewRating {
  '@type': 'Rating';
  worstRating: 1;
  bestRating: 5;
  alternateName: string;
  ratingValue?: number;
}

export const MAX_REVIEWER_LENGTH = 200;

const RATING_NAMES = VERDICT_RATINGS.map((entry) => entry.rating);

const ratingSchema = z
  .enum(RATING_NAMES as [VerdictRating, ...VerdictRating[]], {
    error: (issue) =>
      `Unknown rating ${JSON.stringify(issue.input)}; use one of: ${RATING_NAMES.join(', ')} (or none).`,
  })
  .nullable();

const reviewerSchema = z
  .string({ error: 'The reviewer is the name of the person who reviews the verdict.' })
  .max(MAX_REVIEWER_LENGTH, `The reviewer’s name is at most ${MAX_REVIEWER_LENGTH} characters; shorten it.`);

const stateSchema = z.enum(REVIEW_STATES, {
  error: (issue) => `Unknown review state ${JSON.stringify(issue.input)}; use one of: ${REVIEW_STATES.join(', ')}.`,
});

const VERDICT_TARGET = { type: 'verdict' as const, id: null, label: 'Verdict' };

function verdictMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('verdict');
}

export function readVerdict(doc: Y.Doc): Verdict {
  const map = verdictMap(doc);
  const rating = map.get('rating');
  const reviewer = map.get('reviewer');
  const state = map.get('state');
  const approvedBy = map.get('approvedBy');
  const approvedAt = map.get('approvedAt');
  const approved = state === 'approved';
  return {
    rating: RATING_NAMES.includes(rating as VerdictRating) ? (rating as VerdictRating) : null,
    reviewer: typeof reviewer === 'string' ? reviewer : '',
    state: REVIEW_STATES.includes(state as ReviewState) ? (state as ReviewState) : 'draft',
    approvedBy: approved && isInvestigator(approvedBy) ? { id: approvedBy.id, name: approvedBy.name } : null,
    approvedAt: approved && typeof approvedAt === 'string' ? approvedAt : null,
  };
}

/** Calls `listener` with the verdict whenever it changes, here or remotely. */
export function observeVerdict(doc: Y.Doc, listener: (verdict: Verdict) => void): () => void {
  const map = verdictMap(doc);
  const onChange = () => listener(readVerdict(doc));
  map.observe(onChange);
  return () => map.unobserve(onChange);
}

function writeVerdict(
  doc: Y.Doc,
  values: Record<string, unknown>,
  { by, at }: CheckedChange,
  action: 'changed' | 'approved',
  logged: Record<string, unknown>,
  typing = false,
): void {
  doc.transact(() => {
    const map = verdictMap(doc);
    for (const [key, value] of Object.entries(values)) map.set(key, value);
    markCaseUpdated(doc, at);
    appendLogEntry(doc, { at, by, action, target: VERDICT_TARGET, fields: logged }, { typing });
  });
}

export function setVerdictRating(doc: Y.Doc, rating: VerdictRating | null, change: Change): void {
  const who = checkChange(change);
  const value = parse(ratingSchema, rating, 'rating');
  if (readVerdict(doc).rating === value) return;
  writeVerdict(doc, { rating: value }, who, 'changed', { rating: value });
}

export function setReviewer(doc: Y.Doc, name: string, change: Change): void {
  const who = checkChange(change);
  const value = parse(reviewerSchema, name, 'reviewer');
  if (readVerdict(doc).reviewer === value) return;
  writeVerdict(doc, { reviewer: value }, who, 'changed', { reviewer: value }, true);
}

/**
 * Moves the verdict through draft -> in review -> approved. Approving records who approved it and
 * when (logged as 'approved'); leaving 'approved' clears them.
 */
export function setReviewState(doc: Y.Doc, state: ReviewState, change: Change): void {
  const who = checkChange(change);
  const value = parse(stateSchema, state, 'state');
  if (readVerdict(doc).state === value) return;
  if (value === 'approved') {
    writeVerdict(doc, { state: value, approvedBy: who.by, approvedAt: who.at }, who, 'approved', { state: value });
  } else {
    writeVerdict(doc, { state: value, approvedBy: null, approvedAt: null }, who, 'changed', { state: value });
  }
}

/** The rating as ClaimReview's `reviewRating`; Unproven and Satire carry only their name. */
export function toClaimReviewRating(rating: VerdictRating): ClaimReviewRating {
  const entry = VERDICT_RATINGS.find((candidate) => candidate.rating === rating);
  if (!entry) parse(ratingSchema, rating, 'rating');
  const { label, ratingValue } = entry as (typeof VERDICT_RATINGS)[number];
  const result: ClaimReviewRating = { '@type': 'Rating', worstRating: 1, bestRating: 5, alternateName: label };
  if (ratingValue !== null) result.ratingValue = ratingValue;
  return result;
}

/** The label of a rating as people read it ("Missing context"). */
export function verdictLabel(rating: VerdictRating): string {
  return VERDICT_RATINGS.find((entry) => entry.rating === rating)?.label ?? rating;
}

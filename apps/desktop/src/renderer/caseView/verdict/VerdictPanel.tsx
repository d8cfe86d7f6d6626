import {
  observeVerdict,
  REVIEW_STATES,
  type ReviewState,
  readVerdict,
  setReviewer,
  setReviewState,
  setVerdictRating,
  VERDICT_RATINGS,
  type Verdict,
  type VerdictRating,
} from '@casefile/model';
import { useEffect, useId, useState } from 'react';
import type * as Y from 'yjs';
import { describeError } from '../../app/describeError';
import { formatUpdatedAt } from '../../caseList/caseDates';
import { RichTextEditor } from '../../richText/RichTextEditor';
import { useInvestigator } from '../../settings/useInvestigator';
import { SelectField } from '../fields/SelectField';
import { TextField } from '../fields/TextField';

const NOT_RATED = '';

/** "False — 1 of 5", "Unproven — not on the truth scale". */
export function ratingOptionLabel(entry: (typeof VERDICT_RATINGS)[number]): string {
  return entry.ratingValue === null
    ? `${entry.label} — not on the truth scale`
    : `${entry.label} — ${entry.ratingValue} of 5`;
}

const RATING_OPTIONS = [
  { value: NOT_RATED, label: 'Not rated yet' },
  ...VERDICT_RATINGS.map((entry) => ({ value: entry.rating, label: ratingOptionLabel(entry) })),
];

const STATE_LABELS: Record<ReviewState, string> = { draft: 'Draft', 'in review': 'In review', approved: 'Approved' };

function useVerdict(doc: Y.Doc): Verdict {
  const [verdict, setVerdict] = useState(() => readVerdict(doc));
  useEffect(() => {
    setVerdict(readVerdict(doc));
    return observeVerdict(doc, setVerdict);
  }, [doc]);
  return verdict;
}

/**
 * The Verdict tab: the rating on the fixed scale that maps to ClaimReview, the reviewer, the review
 * (draft, in review, approved: approving records who and when) and the rationale, a rich-text
 * field of its own that shares the case's collaboration context with the notes.
 */
export function VerdictPanel({ caseId, doc }: { caseId: string; doc: Y.Doc }) {
  const headingId = useId();
  const stateId = useId();
  const investigator = useInvestigator();
  const verdict = useVerdict(doc);
  const [stateError, setStateError] = useState<string | null>(null);
  const change = { by: investigator };

  const moveTo = (state: ReviewState) => {
    try {
      setReviewState(doc, state, change);
      setStateError(null);
    } catch (failure) {
      setStateError(describeError(failure, 'Changing the review state'));
    }
  };

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel__header">
        <h2 id={headingId}>Verdict</h2>
      </div>
      <div className="verdict__grid">
        <SelectField
          label="Rating"
          value={verdict.rating ?? NOT_RATED}
          options={RATING_OPTIONS}
          onSave={(rating) => setVerdictRating(doc, rating === NOT_RATED ? null : (rating as VerdictRating), change)}
          doing="Saving the rating"
          className="verdict__rating"
          help={
            <>
              1–5 on the ClaimReview scale: False is 1, True is 5. Unproven and Satire are not points on the truth
              scale; they are published by name only.
            </>
          }
        />
        <TextField
          label="Reviewer"
          value={verdict.reviewer}
          onSave={(name) => setReviewer(doc, name, change)}
          doing="Saving the reviewer"
          placeholder="Who reviews this verdict"
        />
      </div>

      <fieldset className="review-state" aria-describedby={stateError ? `${stateId}-error` : undefined}>
        <legend className="field__label">Review state</legend>
        <div className="review-state__steps">
          {REVIEW_STATES.map((state, index) => (
            <label
              key={state}
              className={`review-state__step${verdict.state === state ? ' review-state__step--current' : ''}`}
            >
              {index > 0 && (
                <span className="review-state__arrow" aria-hidden="true">
                  →
                </span>
              )}
              <input
                type="radio"
                name={`${stateId}-state`}
                value={state}
                checked={verdict.state === state}
                onChange={() => moveTo(state)}
              />
              <span>{STATE_LABELS[state]}</span>
            </label>
          ))}
        </div>
        <p className="review-state__note" role="status">
          {verdict.state === 'approved' && verdict.approvedBy
            ? `Approved by ${verdict.approvedBy.name}${verdict.approvedAt ? ` on ${formatUpdatedAt(verdict.approvedAt)}` : ''}.`
            : verdict.state === 'in review'
              ? 'Waiting for review. Approving records who approved it and when.'
              : 'A draft: send it for review when the rating and rationale are ready.'}
        </p>
        {stateError && (
          <p id={`${stateId}-error`} className="field-error" role="alert">
            {stateError}
          </p>
        )}
      </fieldset>

      <RichTextEditor caseId={caseId} doc={doc} field="verdictRationale" label="Verdict rationale" />
    </section>
  );
}

import {
  CREDIBILITY_GRADES,
  CREDIBILITY_LABELS,
  type Credibility,
  RELIABILITY_GRADES,
  RELIABILITY_LABELS,
  type Reliability,
} from '@casefile/model';

/** An option of the source-reliability select: "B — Usually reliable". */
export function reliabilityOptionText(grade: Reliability): string {
  return `${grade} — ${RELIABILITY_LABELS[grade]}`;
}

/** An option of the information-credibility select: "2 — Probably true". */
export function credibilityOptionText(grade: Credibility): string {
  return `${grade} — ${CREDIBILITY_LABELS[grade]}`;
}

/** A select's value ('' = not graded) back to a grade; anything else is not a grade. */
export function parseReliability(value: string): Reliability | null {
  return (RELIABILITY_GRADES as readonly string[]).includes(value) ? (value as Reliability) : null;
}

export function parseCredibility(value: string): Credibility | null {
  const grade = Number(value);
  return value !== '' && (CREDIBILITY_GRADES as readonly number[]).includes(grade) ? (grade as Credibility) : null;
}

/**
 * The grading as analysts write it: "B2"; a missing half shows as a dash ("B–", "–2"); nothing
 * when ungraded.
 */
export function gradingCode(reliability: Reliability | null, credibility: Credibility | null): string {
  if (reliability === null && credibility === null) return '';
  return `${reliability ?? '–'}${credibility ?? '–'}`;
}

/** The grading in words, for a screen reader or a tooltip: "Usually reliable source, probably true". */
export function gradingDescription(reliability: Reliability | null, credibility: Credibility | null): string {
  const parts: string[] = [];
  if (reliability !== null) parts.push(`source ${RELIABILITY_LABELS[reliability].toLowerCase()}`);
  if (credibility !== null) parts.push(`information ${CREDIBILITY_LABELS[credibility].toLowerCase()}`);
  return parts.length === 0 ? 'Not graded' : `Graded ${gradingCode(reliability, credibility)}: ${parts.join(', ')}`;
}

import {
  ACTOR_KINDS,
  CASE_STATUSES,
  CREDIBILITY_GRADES,
  DATE_PRECISIONS,
  EVIDENCE_KINDS,
  FILE_ROLES,
  LOG_ACTIONS,
  LOG_TARGET_TYPES,
  RELIABILITY_GRADES,
  REVIEW_STATES,
  VERDICT_RATINGS,
} from '@casefile/model';
import { z } from 'zod';
import { DossierInputError } from './errors.js';

/**
 * The case as JSON, format `casefile-case` version 1: everything a dossier shows, as plain data.
 * It is both what `--format json` writes (and `case.json` in a bundle) and what every renderer
 * reads, so a case exported to JSON renders to the same dossier later (`--from case.json`).
 * README documents each field; a change that breaks readers bumps `version`.
 */
export const CASE_JSON_FORMAT = 'casefile-case';
export const CASE_JSON_VERSION = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lowercase hexadecimal characters');

const investigator = z.object({ id: z.string(), name: z.string() });

const preciseDate = z.object({ value: z.string(), precision: z.enum(DATE_PRECISIONS) });

const richTextBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), level: z.number().int().min(1).max(6), text: z.string() }),
  z.object({ type: z.literal('paragraph'), text: z.string() }),
  z.object({ type: z.literal('quote'), text: z.string() }),
  z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(z.string()) }),
]);

const richText = z.object({
  /** Paragraphs joined by newlines. */
  text: z.string(),
  blocks: z.array(richTextBlock),
});

const claim = z.object({
  id: z.string(),
  text: z.string(),
  url: z.string(),
  platform: z.string(),
  firstSeen: preciseDate.nullable(),
  claimant: z.string(),
  createdAt: z.string(),
  createdBy: investigator,
});

const actor = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ACTOR_KINDS),
  platform: z.string(),
  url: z.string(),
  platformId: z.string(),
  notes: z.string(),
  claimIds: z.array(z.string()),
  createdAt: z.string(),
  createdBy: investigator,
});

const event = z.object({
  id: z.string(),
  date: preciseDate,
  title: z.string(),
  description: z.string(),
  evidenceIds: z.array(z.string()),
  actorIds: z.array(z.string()),
  createdAt: z.string(),
  createdBy: investigator,
});

const evidenceFile = z.object({
  sha256,
  size: z.number().int().nonnegative(),
  mime: z.string(),
  name: z.string(),
  role: z.enum(FILE_ROLES),
});

const evidence = z.object({
  id: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  title: z.string(),
  sourceUrl: z.string(),
  finalUrl: z.string(),
  quote: z.string(),
  files: z.array(evidenceFile),
  capturedAt: z.string(),
  capturedBy: investigator,
  captureTool: z.string(),
  description: z.string(),
  reliability: z.enum(RELIABILITY_GRADES).nullable(),
  credibility: z
    .number()
    .refine((value) => (CREDIBILITY_GRADES as readonly number[]).includes(value), 'a credibility grade is 1 to 6')
    .nullable(),
  tags: z.array(z.string()),
  claimIds: z.array(z.string()),
  actorIds: z.array(z.string()),
  eventIds: z.array(z.string()),
  derivedFrom: z.string().nullable(),
});

const ratingNames = VERDICT_RATINGS.map((entry) => entry.rating) as [string, ...string[]];

const verdict = z.object({
  rating: z.enum(ratingNames).nullable(),
  /** The rating as people read it ("Missing context"); null without a rating. */
  label: z.string().nullable(),
  reviewer: z.string(),
  state: z.enum(REVIEW_STATES),
  approvedBy: investigator.nullable(),
  approvedAt: z.string().nullable(),
  rationale: richText,
});

const logEntry = z.object({
  at: z.string(),
  by: investigator,
  action: z.enum(LOG_ACTIONS),
  target: z.object({ type: z.enum(LOG_TARGET_TYPES), id: z.string().nullable(), label: z.string() }),
  fields: z.record(z.string(), z.unknown()),
});

export const caseJsonSchema = z.object({
  format: z.literal(CASE_JSON_FORMAT),
  version: z.literal(CASE_JSON_VERSION),
  /** When this file was made (ISO UTC) and by what. */
  exportedAt: z.string(),
  generator: z.string(),
  case: z.object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    status: z.enum(CASE_STATUSES),
    language: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    schemaVersion: z.number().int(),
  }),
  /** Everyone who wrote to the case, captured evidence or approved the verdict. */
  team: z.array(investigator),
  notes: richText,
  claims: z.array(claim),
  actors: z.array(actor),
  events: z.array(event),
  evidence: z.array(evidence),
  verdict,
  log: z.array(logEntry),
  /** Derived from the above on every export (schema.org ClaimReview, one per claim); ignored on reading. */
  claimReviews: z.array(z.unknown()).optional(),
});

export type CaseJson = z.infer<typeof caseJsonSchema>;
/** A case as the dossier renders it: the case JSON without its derived ClaimReviews. */
export type DossierCase = Omit<CaseJson, 'claimReviews'>;
export type DossierEvidence = DossierCase['evidence'][number];
export type DossierEvidenceFile = DossierEvidence['files'][number];
export type DossierClaim = DossierCase['claims'][number];
export type DossierActor = DossierCase['actors'][number];
export type DossierEvent = DossierCase['events'][number];
export type RichText = DossierCase['notes'];
export type RichTextBlock = RichText['blocks'][number];
export type Investigator = DossierCase['team'][number];

/**
 * Reads a case JSON file (format `casefile-case` version 1) back into a dossier case. Throws
 * DossierInputError naming the first problem and where it is, so a person can fix the file.
 */
export function parseCaseJson(text: string): DossierCase {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new DossierInputError(
      `This is not JSON (${(error as Error).message}). Export the case again with --format json, or check the file.`,
    );
  }
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const { format, version } = raw as { format?: unknown; version?: unknown };
    if (format !== CASE_JSON_FORMAT) {
      throw new DossierInputError(
        `This JSON is not a Casefile case (its "format" is ${JSON.stringify(format)}, expected "${CASE_JSON_FORMAT}").`,
      );
    }
    if (typeof version === 'number' && version > CASE_JSON_VERSION) {
      throw new DossierInputError(
        `This case JSON is version ${version}, written by a newer Casefile; this one reads version ${CASE_JSON_VERSION}. Update Casefile.`,
      );
    }
  }
  const parsed = caseJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the top level';
    throw new DossierInputError(
      `The case JSON is not valid at ${where}: ${issue?.message ?? 'unknown problem'}. Export the case again with --format json, or fix that field.`,
    );
  }
  const { claimReviews: _derived, ...dossier } = parsed.data;
  return dossier;
}

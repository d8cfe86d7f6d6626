import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type * as Y from 'yjs';
import { z } from 'zod';
import { defineCollection, readInvestigator, readLinks, readSet, readText } from './collections.js';
import { ValidationError } from './errors.js';
import { idListSchema, tagsSchema, textSchema, webAddressSchema } from './fieldSchemas.js';
import { type Change, checkChange, type Investigator, isInvestigator } from './investigator.js';
import { abbreviate, parse } from './validation.js';

export const EVIDENCE_KINDS = ['link', 'file', 'screenshot', 'webCapture', 'quote'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Source reliability, as analysts grade it (the Admiralty code's letters). */
export const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof RELIABILITY_GRADES)[number];
export const RELIABILITY_LABELS: Record<Reliability, string> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
};

/** Information credibility (the Admiralty code's numbers). */
export const CREDIBILITY_GRADES = [1, 2, 3, 4, 5, 6] as const;
export type Credibility = (typeof CREDIBILITY_GRADES)[number];
export const CREDIBILITY_LABELS: Record<Credibility, string> = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Truth cannot be judged',
};

export const FILE_ROLES = ['original', 'screenshot', 'snapshot'] as const;
export type FileRole = (typeof FILE_ROLES)[number];

/** One captured file. The bytes live in the blob store under `sha256`, never in the case document. */
export interface EvidenceFile {
  /** 64 lowercase hex characters, taken from the bytes at capture. */
  sha256: string;
  size: number;
  mime: string;
  name: string;
  role: FileRole;
}

/** Left in place of deleted evidence: the item stays (restorable) and its blobs are kept. */
export interface Tombstone {
  by: Investigator;
  at: string;
  reason: string;
}

export interface Evidence {
  id: string;
  kind: EvidenceKind;
  title: string;
  sourceUrl: string;
  /** Where the source address led after redirects (web captures). */
  finalUrl: string;
  /** For kind 'quote': the text, whose UTF-8 bytes are `files[0]`. */
  quote: string;
  /** Immutable; none for 'link'. */
  files: EvidenceFile[];
  /** ISO UTC. */
  capturedAt: string;
  capturedBy: Investigator;
  /** What captured it, e.g. 'Casefile 0.1 (file picker)'. */
  captureTool: string;
  description: string;
  reliability: Reliability | null;
  credibility: Credibility | null;
  tags: string[];
  claimIds: string[];
  actorIds: string[];
  /** The same links as the events' `evidenceIds`, kept in step. */
  eventIds: string[];
  /** The original this item was derived from (a crop, a redaction, an annotation). */
  derivedFrom: string | null;
  deleted: Tombstone | null;
}

/** What may change after capture; everything else is fixed when the evidence is captured. */
export const EDITABLE_EVIDENCE_FIELDS = [
  'title',
  'description',
  'tags',
  'reliability',
  'credibility',
  'claimIds',
  'actorIds',
  'eventIds',
] as const;
export type EditableEvidenceField = (typeof EDITABLE_EVIDENCE_FIELDS)[number];

/**
 * What a capture gives: the kind and the tool, and what the kind needs (files; a source address for
 * links and web captures; the text of a quote). Who and when come from the `Change`.
 */
export type EvidenceCapture = Pick<Evidence, 'kind' | 'captureTool'> &
  Partial<Pick<Evidence, 'sourceUrl' | 'finalUrl' | 'quote' | 'files' | 'derivedFrom' | EditableEvidenceField>>;

export type EvidencePatch = Partial<Pick<Evidence, EditableEvidenceField>>;

/** The MIME type of a quote's file: its text as UTF-8. */
export const QUOTE_MIME = 'text/plain; charset=utf-8';

export const MAX_FILES_PER_EVIDENCE = 20;

const SHA256_PATTERN = /^[0-9a-f]{64}$/;
const MIME_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;.*)?$/i;
const HASH_HINT =
  'taken from the file’s bytes at capture (64 lowercase hexadecimal characters); hash the file and try again.';

const evidenceFileSchema: z.ZodType<EvidenceFile> = z
  .object(
    {
      sha256: z
        .string({ error: `A captured file is missing its SHA-256, ${HASH_HINT}` })
        .refine((value) => value !== '', `A captured file is missing its SHA-256, ${HASH_HINT}`)
        .refine((value) => value === '' || SHA256_PATTERN.test(value), {
          error: (issue) => `${JSON.stringify(issue.input)} is not a SHA-256: it is ${HASH_HINT}`,
        }),
      size: z
        .number({ error: 'A captured file needs its size in bytes (a whole number).' })
        .int('A file’s size is a whole number of bytes.')
        .nonnegative('A file’s size cannot be negative.'),
      mime: z
        .string({ error: 'A captured file needs its MIME type, e.g. image/png or application/octet-stream.' })
        .regex(MIME_PATTERN, 'A file’s MIME type is written type/subtype, e.g. image/png or application/pdf.'),
      name: textSchema('A file name', 500).default(''),
      role: z.enum(FILE_ROLES, { error: `A file’s role is one of: ${FILE_ROLES.join(', ')}.` }).default('original'),
    },
    { error: 'Each captured file is given as { sha256, size, mime, name, role }.' },
  )
  .transform(({ sha256, size, mime, name, role }) => ({ sha256, size, mime, name, role }));

const kindSchema = z.enum(EVIDENCE_KINDS, {
  error: (issue) =>
    issue.input === undefined
      ? `Evidence needs a kind: one of ${EVIDENCE_KINDS.join(', ')}.`
      : `Unknown evidence kind ${JSON.stringify(issue.input)}; use one of: ${EVIDENCE_KINDS.join(', ')}.`,
});

const reliabilitySchema = z
  .enum(RELIABILITY_GRADES, {
    error: (issue) =>
      `Source reliability is a grade from A (completely reliable) to F (cannot be judged), or none; got ${JSON.stringify(issue.input)}.`,
  })
  .nullable();

const credibilitySchema = z
  .number({
    error: (issue) =>
      `Information credibility is a grade from 1 (confirmed) to 6 (cannot be judged), or none; got ${JSON.stringify(issue.input)}.`,
  })
  .refine((value) => (CREDIBILITY_GRADES as readonly number[]).includes(value), {
    error: (issue) =>
      `Information credibility is a grade from 1 (confirmed) to 6 (cannot be judged), or none; got ${JSON.stringify(issue.input)}.`,
  })
  .nullable() as z.ZodType<Credibility | null>;

const derivedFromSchema = z
  .string({ error: 'derivedFrom is the id of the evidence item this one was derived from, or null.' })
  .nullable();

const evidence = defineCollection<Evidence>({
  name: 'evidence',
  target: 'evidence',
  fields: {
    kind: { schema: kindSchema },
    title: { schema: textSchema('An evidence title', 500), initial: () => '', typed: true },
    sourceUrl: { schema: webAddressSchema('The source address'), initial: () => '' },
    finalUrl: { schema: webAddressSchema('The final address'), initial: () => '' },
    quote: { schema: textSchema('A quote', 100000), initial: () => '' },
    files: {
      schema: z
        .array(evidenceFileSchema, { error: 'files is a list of captured files.' })
        .max(MAX_FILES_PER_EVIDENCE, `An evidence item holds at most ${MAX_FILES_PER_EVIDENCE} files.`),
      initial: () => [],
    },
    captureTool: {
      schema: z
        .string({ error: 'Say what captured the evidence (captureTool), e.g. "Casefile 0.1 (file picker)".' })
        .trim()
        .min(1, 'Say what captured the evidence (captureTool), e.g. "Casefile 0.1 (file picker)".')
        .max(200, 'captureTool is at most 200 characters.'),
    },
    description: { schema: textSchema('An evidence description', 20000), initial: () => '', typed: true },
    reliability: { schema: reliabilitySchema, initial: () => null },
    credibility: { schema: credibilitySchema, initial: () => null },
    tags: { schema: tagsSchema, initial: () => [], list: 'set' },
    claimIds: { schema: idListSchema('The evidence’s claims'), initial: () => [], list: 'links' },
    actorIds: { schema: idListSchema('The evidence’s actors'), initial: () => [], list: 'links' },
    eventIds: { schema: idListSchema('The evidence’s events'), initial: () => [], list: 'links' },
    derivedFrom: { schema: derivedFromSchema, initial: () => null },
  },
  read: (doc, id, map) => readEvidence(doc, id, map),
  label: (item) => item.title || abbreviate(item.quote, 120) || `${item.kind} evidence`,
  stamp: (by, at) => ({ capturedAt: at, capturedBy: by, deleted: null }),
  order: (a, b) => a.capturedAt.localeCompare(b.capturedAt),
});

function readFiles(value: unknown): EvidenceFile[] {
  if (!Array.isArray(value)) return [];
  const files: EvidenceFile[] = [];
  for (const raw of value) {
    const file = evidenceFileSchema.safeParse(raw);
    if (file.success) files.push(file.data);
  }
  return files;
}

function readTombstone(value: unknown): Tombstone | null {
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as Partial<Tombstone>;
  if (!isInvestigator(raw.by) || typeof raw.at !== 'string') return null;
  return {
    by: { id: raw.by.id, name: raw.by.name },
    at: raw.at,
    reason: typeof raw.reason === 'string' ? raw.reason : '',
  };
}

function readEvidence(doc: Y.Doc, id: string, map: Y.Map<unknown>): Evidence {
  const kind = map.get('kind');
  const reliability = map.get('reliability');
  const credibility = map.get('credibility');
  const derivedFrom = map.get('derivedFrom');
  return {
    id,
    kind: EVIDENCE_KINDS.includes(kind as EvidenceKind) ? (kind as EvidenceKind) : 'file',
    title: readText(map, 'title'),
    sourceUrl: readText(map, 'sourceUrl'),
    finalUrl: readText(map, 'finalUrl'),
    quote: readText(map, 'quote'),
    files: readFiles(map.get('files')),
    capturedAt: readText(map, 'capturedAt'),
    capturedBy: readInvestigator(map, 'capturedBy'),
    captureTool: readText(map, 'captureTool'),
    description: readText(map, 'description'),
    reliability: RELIABILITY_GRADES.includes(reliability as Reliability) ? (reliability as Reliability) : null,
    credibility: CREDIBILITY_GRADES.includes(credibility as Credibility) ? (credibility as Credibility) : null,
    tags: readSet(map, 'tags'),
    claimIds: readLinks(doc, map, 'claimIds', 'claims'),
    actorIds: readLinks(doc, map, 'actorIds', 'actors'),
    eventIds: readLinks(doc, map, 'eventIds', 'events'),
    derivedFrom: typeof derivedFrom === 'string' ? derivedFrom : null,
    deleted: readTombstone(map.get('deleted')),
  };
}

/** SHA-256 of bytes as 64 lowercase hex characters (synchronous, for text the model hashes itself). */
export function sha256HexSync(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** A quote's text as the file it is captured as: its UTF-8 bytes, hashed. Store `bytes` in the blob store. */
export function quoteFile(text: string, name = 'quote.txt'): { bytes: Uint8Array; file: EvidenceFile } {
  const bytes = utf8ToBytes(text);
  return {
    bytes,
    file: { sha256: sha256HexSync(bytes), size: bytes.length, mime: QUOTE_MIME, name, role: 'original' },
  };
}

const KIND_NAMES: Record<EvidenceKind, string> = {
  link: 'A link',
  file: 'A file',
  screenshot: 'A screenshot',
  webCapture: 'A web capture',
  quote: 'A quote',
};

/** Rules that tie fields together, which no single field's schema can check. */
function checkCapture(doc: Y.Doc, values: Record<string, unknown>): void {
  const kind = values.kind as EvidenceKind;
  const files = values.files as EvidenceFile[];
  const sourceUrl = values.sourceUrl as string;
  if ((kind === 'link' || kind === 'webCapture') && sourceUrl === '') {
    throw new ValidationError(
      `${KIND_NAMES[kind]} needs the address it was taken from (sourceUrl), starting with http:// or https://.`,
      { field: 'sourceUrl' },
    );
  }
  if (kind === 'link' && files.length > 0) {
    throw new ValidationError('A link holds no files; to keep the page itself, capture it as a web capture.', {
      field: 'files',
    });
  }
  if (kind !== 'link' && files.length === 0) {
    throw new ValidationError(
      `${KIND_NAMES[kind]} needs its captured file (files): its SHA-256 taken from the bytes at capture, its size and MIME type. Capture it again.`,
      { field: 'files' },
    );
  }
  if (kind === 'quote') {
    const quote = values.quote as string;
    if (quote.trim() === '') {
      throw new ValidationError('A quote needs its text (quote): the words as they were said or written.', {
        field: 'quote',
      });
    }
    const expected = quoteFile(quote).file;
    const first = files[0];
    if (first?.sha256 !== expected.sha256 || first.size !== expected.size) {
      throw new ValidationError(
        'A quote’s first file must be its text as UTF-8 bytes: its SHA-256 and size do not match the text. Use quoteFile(text) to make the file.',
        { field: 'files' },
      );
    }
  }
  const derivedFrom = values.derivedFrom as string | null;
  if (derivedFrom !== null && evidence.get(doc, derivedFrom) === null) {
    throw new ValidationError(
      `derivedFrom names ${JSON.stringify(derivedFrom)}, which is no evidence item of this case; derive only from evidence of this case.`,
      { field: 'derivedFrom' },
    );
  }
}

/**
 * Records captured evidence; returns its id. Validates everything first (kind, addresses, files and
 * their hashes, links) and writes nothing on error. Capture time and who captured it come from `change`.
 */
export function captureEvidence(doc: Y.Doc, capture: EvidenceCapture, change: Change): string {
  checkChange(change);
  const values = evidence.parseNew(doc, capture);
  checkCapture(doc, values);
  return evidence.create(doc, values, change);
}

/**
 * Changes what may change after capture: title, description, tags, grading and links. Bytes, hash,
 * size, MIME, addresses and capture metadata never change; a patch naming them is refused whole.
 */
export function updateEvidence(doc: Y.Doc, id: string, patch: EvidencePatch, change: Change): void {
  checkChange(change);
  const item = evidence.require(doc, id);
  if (typeof patch === 'object' && patch !== null) {
    const fixed = Object.keys(patch).find((key) => !(EDITABLE_EVIDENCE_FIELDS as readonly string[]).includes(key));
    if (fixed !== undefined) {
      throw new ValidationError(
        `The ${fixed} of captured evidence cannot be changed after capture; capture a new item (derivedFrom) instead. Editable: ${EDITABLE_EVIDENCE_FIELDS.join(', ')}.`,
        { field: fixed },
      );
    }
  }
  if (item.deleted) {
    throw new ValidationError('This evidence was deleted; restore it before editing it.');
  }
  evidence.update(doc, id, patch, change);
}

const reasonSchema = z
  .string({ error: 'Say why this evidence is deleted (e.g. a duplicate, the wrong case): the reason is kept with it.' })
  .trim()
  .min(1, 'Say why this evidence is deleted (e.g. a duplicate, the wrong case): the reason is kept with it.')
  .max(1000, 'A reason is at most 1000 characters; shorten it.');

/** Deletes evidence by leaving a tombstone (who, when, why): hidden by default, restorable, its blobs kept. */
export function deleteEvidence(doc: Y.Doc, id: string, reason: string, change: Change): void {
  const { by, at } = checkChange(change);
  const why = parse(reasonSchema, reason, 'reason');
  const item = evidence.require(doc, id);
  if (item.deleted) {
    throw new ValidationError(
      `This evidence was already deleted by ${item.deleted.by.name} at ${item.deleted.at}; restore it to bring it back.`,
    );
  }
  const tombstone: Tombstone = { by, at, reason: why };
  evidence.write(doc, id, { deleted: tombstone }, change, { action: 'deleted', fields: { reason: why } });
}

/** Brings deleted evidence back as it was. */
export function restoreEvidence(doc: Y.Doc, id: string, change: Change): void {
  checkChange(change);
  const item = evidence.require(doc, id);
  if (!item.deleted) throw new ValidationError('This evidence is not deleted; there is nothing to restore.');
  evidence.write(doc, id, { deleted: null }, change, { action: 'restored', fields: {} });
}

/** Evidence in capture order; deleted items only when asked for. */
export function listEvidence(doc: Y.Doc, options: { includeDeleted?: boolean } = {}): Evidence[] {
  const items = evidence.list(doc);
  return options.includeDeleted ? items : items.filter((item) => item.deleted === null);
}

/** How many evidence items `listEvidence` returns, without reading them (a case may hold thousands). */
export function countEvidence(doc: Y.Doc, options: { includeDeleted?: boolean } = {}): number {
  return evidence.count(doc, (map) => options.includeDeleted === true || readTombstone(map.get('deleted')) === null);
}

/** One evidence item, deleted or not (a deleted one carries its tombstone). */
export function getEvidence(doc: Y.Doc, id: string): Evidence | null {
  return evidence.get(doc, id);
}

/** True when `value` is a SHA-256 as the case document stores it. */
export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && SHA256_PATTERN.test(value);
}

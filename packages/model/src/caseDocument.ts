import * as Y from 'yjs';
import { z } from 'zod';
import { ValidationError } from './errors.js';

/** Bumped when the shape of the case document changes; `migrateCase` brings old cases forward. */
export const SCHEMA_VERSION = 1;

export const CASE_STATUSES = ['open', 'in review', 'published', 'archived'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * Rich-text fields of a case. Each is a Lexical editor bound to its own root of the case
 * document (`rootName`); the roots are `Y.XmlElement`s, the layout of Lexical's V2 binding.
 */
export const RICH_TEXT_FIELDS = ['notes', 'verdictRationale'] as const;
export type RichTextField = (typeof RICH_TEXT_FIELDS)[number];

export const MAX_TITLE_LENGTH = 300;
export const MAX_SUMMARY_LENGTH = 5000;

const titleSchema = z
  .string()
  .max(MAX_TITLE_LENGTH, `A case title is at most ${MAX_TITLE_LENGTH} characters; shorten it.`);
const summarySchema = z
  .string()
  .max(MAX_SUMMARY_LENGTH, `A summary is at most ${MAX_SUMMARY_LENGTH} characters; move the rest to the notes.`);
const statusSchema = z.enum(CASE_STATUSES, {
  error: `A case status is one of: ${CASE_STATUSES.join(', ')}.`,
});

export interface CaseMeta {
  title: string;
  summary: string;
  status: CaseStatus;
  language: string;
  createdAt: string;
  updatedAt: string;
  schemaVersion: number;
}

export interface NewCase {
  title?: string;
  summary?: string;
  status?: CaseStatus;
  language?: string;
  /** Creation time; defaults to now. Passed in by tests and the demo case. */
  now?: Date;
}

function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(result.error.issues[0]?.message ?? 'Invalid value.');
  return result.data;
}

/** True once a case's initial content has been written (by whichever client created it). */
export function isCaseInitialized(doc: Y.Doc): boolean {
  return metaMap(doc).has('schemaVersion');
}

/**
 * Writes a new case's initial content. Only the client that creates a case calls this, once:
 * two clients initialising the same document would each write a title and one would win at
 * random.
 */
export function initCase(doc: Y.Doc, input: NewCase = {}): CaseMeta {
  if (isCaseInitialized(doc))
    throw new ValidationError('This case already exists; open it instead of creating it again.');
  const now = (input.now ?? new Date()).toISOString();
  const meta: CaseMeta = {
    title: parse(titleSchema, input.title ?? ''),
    summary: parse(summarySchema, input.summary ?? ''),
    status: parse(statusSchema, input.status ?? 'open'),
    language: input.language ?? 'en',
    createdAt: now,
    updatedAt: now,
    schemaVersion: SCHEMA_VERSION,
  };
  doc.transact(() => {
    const map = metaMap(doc);
    for (const [key, value] of Object.entries(meta)) map.set(key, value);
  });
  return meta;
}

export function readMeta(doc: Y.Doc): CaseMeta {
  const map = metaMap(doc);
  const text = (key: string, fallback = '') => {
    const value = map.get(key);
    return typeof value === 'string' ? value : fallback;
  };
  const status = map.get('status');
  const version = map.get('schemaVersion');
  return {
    title: text('title'),
    summary: text('summary'),
    status: statusSchema.safeParse(status).success ? (status as CaseStatus) : 'open',
    language: text('language', 'en'),
    createdAt: text('createdAt'),
    updatedAt: text('updatedAt'),
    schemaVersion: typeof version === 'number' ? version : 0,
  };
}

function setMetaField(doc: Y.Doc, key: string, value: unknown, now: Date): void {
  doc.transact(() => {
    const map = metaMap(doc);
    if (map.get(key) === value) return;
    map.set(key, value);
    map.set('updatedAt', now.toISOString());
  });
}

export function setTitle(doc: Y.Doc, title: string, now = new Date()): void {
  setMetaField(doc, 'title', parse(titleSchema, title), now);
}

export function setSummary(doc: Y.Doc, summary: string, now = new Date()): void {
  setMetaField(doc, 'summary', parse(summarySchema, summary), now);
}

export function setStatus(doc: Y.Doc, status: CaseStatus, now = new Date()): void {
  setMetaField(doc, 'status', parse(statusSchema, status), now);
}

/** Calls `listener` with the case's meta whenever any of it changes, here or remotely. */
export function observeMeta(doc: Y.Doc, listener: (meta: CaseMeta) => void): () => void {
  const map = metaMap(doc);
  const onChange = () => listener(readMeta(doc));
  map.observe(onChange);
  return () => map.unobserve(onChange);
}

/** The shared root of one rich-text field, as Lexical's V2 binding finds it by `rootName`. */
export function richTextRoot(doc: Y.Doc, field: RichTextField): Y.XmlElement {
  return doc.get(field, Y.XmlElement);
}

/** Plain text of a rich-text field, paragraphs joined by newlines: for search, lists and tests. */
export function richTextPlainText(doc: Y.Doc, field: RichTextField): string {
  const blocks: string[] = [];
  const collect = (node: Y.XmlElement | Y.XmlText, into: string[]): void => {
    if (node instanceof Y.XmlText) {
      into.push(
        node
          .toDelta()
          .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
          .join(''),
      );
      return;
    }
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement || child instanceof Y.XmlText) collect(child, into);
    }
  };
  for (const block of richTextRoot(doc, field).toArray()) {
    if (!(block instanceof Y.XmlElement || block instanceof Y.XmlText)) continue;
    const parts: string[] = [];
    collect(block, parts);
    blocks.push(parts.join(''));
  }
  return blocks.join('\n');
}

/** A case written by a newer Casefile than this one: show it, but warn before editing. */
export function isFromNewerVersion(doc: Y.Doc): boolean {
  return readMeta(doc).schemaVersion > SCHEMA_VERSION;
}

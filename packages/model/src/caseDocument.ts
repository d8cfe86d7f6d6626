import * as Y from 'yjs';
import { z } from 'zod';
import { appendLogEntry } from './activityLog.js';
import { ValidationError } from './errors.js';
import { type Change, checkChange } from './investigator.js';
import { parse } from './validation.js';

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

/** True once a case's initial content has been written (by whichever client created it). */
export function isCaseInitialized(doc: Y.Doc): boolean {
  return metaMap(doc).has('schemaVersion');
}

/**
 * Writes a new case's initial content. Only the client that creates a case calls this, once:
 * two clients initialising the same document would each write a title and one would win at
 * random. With `change`, the activity log records who created the case and its initial values.
 */
export function initCase(doc: Y.Doc, input: NewCase = {}, change?: Change): CaseMeta {
  if (isCaseInitialized(doc))
    throw new ValidationError('This case already exists; open it instead of creating it again.');
  const who = change === undefined ? null : checkChange({ ...change, now: change.now ?? input.now });
  const now = who?.at ?? (input.now ?? new Date()).toISOString();
  const meta: CaseMeta = {
    title: parse(titleSchema, input.title ?? '', 'title'),
    summary: parse(summarySchema, input.summary ?? '', 'summary'),
    status: parse(statusSchema, input.status ?? 'open', 'status'),
    language: input.language ?? 'en',
    createdAt: now,
    updatedAt: now,
    schemaVersion: SCHEMA_VERSION,
  };
  doc.transact(() => {
    const map = metaMap(doc);
    for (const [key, value] of Object.entries(meta)) map.set(key, value);
    if (who) {
      appendLogEntry(doc, {
        at: now,
        by: who.by,
        action: 'created',
        target: caseTarget(meta.title),
        fields: { title: meta.title, summary: meta.summary, status: meta.status, language: meta.language },
      });
    }
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

/** How the log names the case: by its title at the time. */
function caseTarget(title: string) {
  return { type: 'case' as const, id: null, label: title.trim() === '' ? 'Untitled case' : title };
}

/** Text typed into the case's meta, whose keystrokes the log folds into one entry per burst. */
const TYPED_META_FIELDS: ReadonlySet<string> = new Set(['title', 'summary']);

function setMetaField(doc: Y.Doc, key: 'title' | 'summary' | 'status', value: string, change: Change): void {
  const { by, at } = checkChange(change);
  const map = metaMap(doc);
  if (map.get(key) === value) return;
  doc.transact(() => {
    map.set(key, value);
    map.set('updatedAt', at);
    appendLogEntry(
      doc,
      { at, by, action: 'changed', target: caseTarget(readMeta(doc).title), fields: { [key]: value } },
      { typing: TYPED_META_FIELDS.has(key) },
    );
  });
}

export function setTitle(doc: Y.Doc, title: string, change: Change): void {
  const value = parse(titleSchema, title, 'title');
  setMetaField(doc, 'title', value, change);
}

export function setSummary(doc: Y.Doc, summary: string, change: Change): void {
  const value = parse(summarySchema, summary, 'summary');
  setMetaField(doc, 'summary', value, change);
}

export function setStatus(doc: Y.Doc, status: CaseStatus, change: Change): void {
  const value = parse(statusSchema, status, 'status');
  setMetaField(doc, 'status', value, change);
}

/**
 * Marks the case as changed now; every write to its claims, evidence, actors, timeline or verdict
 * calls this in its transaction, so the case list orders cases by their latest activity.
 */
export function markCaseUpdated(doc: Y.Doc, at: string): void {
  metaMap(doc).set('updatedAt', at);
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

import type * as Y from 'yjs';
import { type Investigator, isInvestigator } from './investigator.js';
import { abbreviate } from './validation.js';

export const LOG_ACTIONS = ['created', 'changed', 'deleted', 'restored', 'approved'] as const;
export type LogAction = (typeof LOG_ACTIONS)[number];

export const LOG_TARGET_TYPES = ['case', 'claim', 'evidence', 'actor', 'event', 'verdict'] as const;
export type LogTargetType = (typeof LOG_TARGET_TYPES)[number];

export interface LogTarget {
  type: LogTargetType;
  /** The item's id; null for the case itself and its verdict. */
  id: string | null;
  /** What the item was called when this happened (it may be renamed or deleted later). */
  label: string;
}

/**
 * One line of the case's activity feed. `fields` holds, for `created`, the initial values; for
 * `changed`, the new values of the fields that changed (long text abbreviated); for `deleted`, what
 * the item held (and, for evidence, the reason).
 */
export interface LogEntry {
  at: string;
  by: Investigator;
  action: LogAction;
  target: LogTarget;
  fields: Record<string, unknown>;
}

/** Typing in a field writes on every keystroke; one entry per burst of typing is what a reader wants. */
export const TYPING_FOLD_MS = 2 * 60 * 1000;

/** Long text in the log is cut to this length: the feed says what changed, the item holds the text. */
export const LOG_TEXT_LENGTH = 200;

function logArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray('log');
}

function toEntry(value: unknown): LogEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as Partial<LogEntry>;
  const target = raw.target as Partial<LogTarget> | undefined;
  if (
    typeof raw.at !== 'string' ||
    !isInvestigator(raw.by) ||
    !LOG_ACTIONS.includes(raw.action as LogAction) ||
    typeof target !== 'object' ||
    target === null ||
    !LOG_TARGET_TYPES.includes(target.type as LogTargetType)
  ) {
    return null;
  }
  return {
    at: raw.at,
    by: { id: raw.by.id, name: raw.by.name },
    action: raw.action as LogAction,
    target: {
      type: target.type as LogTargetType,
      id: typeof target.id === 'string' ? target.id : null,
      label: typeof target.label === 'string' ? target.label : '',
    },
    fields: typeof raw.fields === 'object' && raw.fields !== null ? { ...raw.fields } : {},
  };
}

/**
 * The log, oldest first. Entries from replicas that worked offline arrive in merge order, so they
 * are put in time order here (stable: entries of one moment keep their order).
 */
export function readLog(doc: Y.Doc): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const value of logArray(doc).toArray()) {
    const entry = toEntry(value);
    if (entry) entries.push(entry);
  }
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** Calls `listener` with the whole log whenever an entry arrives, here or from a collaborator. */
export function observeLog(doc: Y.Doc, listener: (entries: LogEntry[]) => void): () => void {
  const log = logArray(doc);
  const onChange = () => listener(readLog(doc));
  log.observe(onChange);
  return () => log.unobserve(onChange);
}

function abbreviateValues(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = typeof value === 'string' ? abbreviate(value, LOG_TEXT_LENGTH) : value;
  }
  return out;
}

/**
 * True when `entry` continues the typing recorded by the log's last entry: the same person
 * changing the same single text field of the same item within two minutes.
 */
function continuesTyping(last: LogEntry | null, entry: LogEntry): boolean {
  if (last?.action !== 'changed' || entry.action !== 'changed') return false;
  const [field, ...more] = Object.keys(entry.fields);
  const lastKeys = Object.keys(last.fields);
  const elapsed = Date.parse(entry.at) - Date.parse(last.at);
  return (
    field !== undefined &&
    more.length === 0 &&
    lastKeys.length === 1 &&
    lastKeys[0] === field &&
    last.by.id === entry.by.id &&
    last.target.type === entry.target.type &&
    last.target.id === entry.target.id &&
    elapsed >= 0 &&
    elapsed <= TYPING_FOLD_MS
  );
}

/**
 * Appends an entry; call it inside the transaction of the write it records, so the write and its
 * entry arrive together everywhere. The log is append-only: when `typing` is set and the entry
 * continues the typing of the last one, nothing is appended and that entry stands for the burst
 * (the feed says "changed title"; the item holds the latest text).
 */
export function appendLogEntry(doc: Y.Doc, entry: LogEntry, options: { typing?: boolean } = {}): void {
  const log = logArray(doc);
  const stored: LogEntry = {
    ...entry,
    by: { ...entry.by },
    target: { ...entry.target },
    fields: abbreviateValues(entry.fields),
  };
  if (options.typing && log.length > 0 && continuesTyping(toEntry(log.get(log.length - 1)), stored)) return;
  log.push([stored]);
}

import {
  CREDIBILITY_LABELS,
  type Credibility,
  isPreciseDate,
  type LogEntry,
  type LogTargetType,
  RELIABILITY_LABELS,
  type Reliability,
  type VerdictRating,
  verdictLabel,
} from '@casefile/model';
import { formatTimelineDate } from '../timeline/timelineDates';

/**
 * How the case's activity feed reads an entry of the log: "Aigerim changed the title · 2 min ago".
 * The log stores data (who, action, target, fields); the sentences are made here, in one place.
 */

const NOUNS: Record<LogTargetType, string> = {
  case: 'case',
  claim: 'claim',
  evidence: 'evidence',
  actor: 'actor',
  event: 'event',
  verdict: 'verdict',
};

/** Field names as a reader says them. */
const FIELD_NAMES: Record<string, string> = {
  title: 'title',
  summary: 'summary',
  status: 'status',
  language: 'language',
  text: 'text',
  url: 'address',
  platform: 'platform',
  firstSeen: 'first-seen date',
  claimant: 'claimant',
  name: 'name',
  kind: 'kind',
  platformId: 'platform id',
  notes: 'notes',
  claimIds: 'linked claims',
  date: 'date',
  description: 'description',
  evidenceIds: 'linked evidence',
  actorIds: 'linked actors',
  eventIds: 'linked events',
  tags: 'tags',
  reliability: 'source reliability',
  credibility: 'information credibility',
  sourceUrl: 'source address',
  finalUrl: 'final address',
  quote: 'quote',
  files: 'files',
  captureTool: 'capture tool',
  derivedFrom: 'original',
  rating: 'rating',
  reviewer: 'reviewer',
  state: 'review state',
  reason: 'reason',
};

/** The field that names an item, already in the sentence, so not repeated among its initial values. */
const NAMING_FIELD: Partial<Record<LogTargetType, string>> = {
  claim: 'text',
  actor: 'name',
  event: 'title',
  evidence: 'title',
  case: 'title',
};

/** Fields whose new value is short enough to say in the sentence ("set the status to In review"). */
const SAID_VALUES = new Set(['status', 'kind', 'reliability', 'credibility', 'rating', 'state', 'firstSeen', 'date']);

function fieldName(key: string): string {
  return FIELD_NAMES[key] ?? key;
}

function listWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function quoted(text: string): string {
  return `“${text}”`;
}

function shorten(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** A stored value as the feed shows it. */
export function describeValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (isPreciseDate(value)) return formatTimelineDate(value);
  if (key === 'rating' && typeof value === 'string') return verdictLabel(value as VerdictRating);
  if (key === 'reliability' && typeof value === 'string' && value in RELIABILITY_LABELS) {
    return `${value} (${RELIABILITY_LABELS[value as Reliability].toLowerCase()})`;
  }
  if (key === 'credibility' && typeof value === 'number' && value in CREDIBILITY_LABELS) {
    return `${value} (${CREDIBILITY_LABELS[value as Credibility].toLowerCase()})`;
  }
  if (Array.isArray(value)) {
    if (key === 'tags') return value.map(String).join(', ');
    if (key === 'files') return `${value.length} ${value.length === 1 ? 'file' : 'files'}`;
    return String(value.length);
  }
  if (typeof value === 'string') return shorten(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return shorten(JSON.stringify(value));
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** "the claim “NATO opened…”", "the case", "the verdict". */
function targetPhrase(entry: LogEntry): string {
  const { type, label } = entry.target;
  if (type === 'case' || type === 'verdict') return `the ${NOUNS[type]}`;
  return label.trim() === '' ? `a ${NOUNS[type]}` : `the ${NOUNS[type]} ${quoted(shorten(label, 60))}`;
}

function changedPhrase(entry: LogEntry): string {
  const keys = Object.keys(entry.fields);
  const { type } = entry.target;
  if (type === 'verdict') {
    const [key] = keys;
    const value = key === undefined ? undefined : entry.fields[key];
    if (keys.length === 1 && key === 'rating') {
      return isEmpty(value) ? 'cleared the verdict’s rating' : `rated the claim ${quoted(describeValue(key, value))}`;
    }
    if (keys.length === 1 && key === 'reviewer') {
      return isEmpty(value) ? 'cleared the reviewer' : `set the reviewer to ${quoted(describeValue(key, value))}`;
    }
    if (keys.length === 1 && key === 'state') {
      if (value === 'in review') return 'sent the verdict for review';
      if (value === 'draft') return 'moved the verdict back to draft';
      return `set the verdict’s state to ${describeValue(key, value)}`;
    }
  }
  const [only] = keys;
  const of = type === 'case' ? '' : ` of ${targetPhrase(entry)}`;
  if (keys.length === 1 && only !== undefined && SAID_VALUES.has(only)) {
    return `set the ${fieldName(only)}${of} to ${describeValue(only, entry.fields[only])}`;
  }
  if (keys.length === 0) return `changed ${targetPhrase(entry)}`;
  return `changed the ${listWords(keys.map(fieldName))}${of}`;
}

/** What the person did, without their name: "changed the title", "added the claim “…”". */
export function describeAction(entry: LogEntry): string {
  const { type } = entry.target;
  switch (entry.action) {
    case 'created':
      if (type === 'case') return 'created the case';
      if (type === 'evidence') return `captured ${targetPhrase(entry)}`;
      if (type === 'event') return `added ${targetPhrase(entry)} to the timeline`;
      return `added ${targetPhrase(entry)}`;
    case 'changed':
      return changedPhrase(entry);
    case 'deleted':
      return `deleted ${targetPhrase(entry)}`;
    case 'restored':
      return `restored ${targetPhrase(entry)}`;
    case 'approved':
      return type === 'verdict' ? 'approved the verdict' : `approved ${targetPhrase(entry)}`;
  }
}

/**
 * The values an item started with (creation), or the reason given (deleting evidence): "Status:
 * open; platform: Telegram". Null when there is nothing more to say.
 */
export function describeDetails(entry: LogEntry): string | null {
  if (entry.action === 'deleted') {
    const reason = entry.fields.reason;
    return typeof reason === 'string' && reason.trim() !== '' ? `Reason: ${shorten(reason, 200)}` : null;
  }
  if (entry.action !== 'created') return null;
  const naming = NAMING_FIELD[entry.target.type];
  const parts = Object.entries(entry.fields)
    .filter(([key, value]) => !isEmpty(value) && !(key === naming && entry.target.type !== 'case'))
    .map(([key, value]) => `${fieldName(key)}: ${describeValue(key, value)}`);
  if (parts.length === 0) return null;
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then the date. */
export function describeWhen(at: string, now: number, locale = 'en-GB'): string {
  const time = Date.parse(at);
  if (Number.isNaN(time)) return '';
  const seconds = Math.round((now - time) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 2) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(time);
}

/** The feed's line for an entry: "Aigerim changed the title · 2 min ago". */
export function describeLogEntry(entry: LogEntry, now: number): string {
  const who = entry.by.name.trim() || 'Someone';
  const when = describeWhen(entry.at, now);
  return when === '' ? `${who} ${describeAction(entry)}` : `${who} ${describeAction(entry)} · ${when}`;
}

/** The feed shows the newest first; the log is stored oldest first. */
export function newestFirst(entries: readonly LogEntry[]): LogEntry[] {
  return [...entries].reverse();
}

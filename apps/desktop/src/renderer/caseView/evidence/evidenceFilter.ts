import { EVIDENCE_KINDS, type Evidence, type EvidenceKind } from '@casefile/model';

export type EvidenceKindFilter = EvidenceKind | 'all';
export type EvidenceOrder = 'newest' | 'oldest' | 'title';

export const EVIDENCE_ORDERS: readonly EvidenceOrder[] = ['newest', 'oldest', 'title'];

export const EVIDENCE_ORDER_LABELS: Record<EvidenceOrder, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  title: 'Title A–Z',
};

export interface EvidenceQuery {
  kind: EvidenceKindFilter;
  /** Words that must all appear (in any field a person would search), case-insensitive. */
  text: string;
  showDeleted: boolean;
  order: EvidenceOrder;
}

export const DEFAULT_EVIDENCE_QUERY: EvidenceQuery = { kind: 'all', text: '', showDeleted: false, order: 'newest' };

export function isEvidenceKindFilter(value: string): value is EvidenceKindFilter {
  return value === 'all' || (EVIDENCE_KINDS as readonly string[]).includes(value);
}

export function isEvidenceOrder(value: string): value is EvidenceOrder {
  return (EVIDENCE_ORDERS as readonly string[]).includes(value);
}

function fold(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
}

/*
 * Evidence items are immutable snapshots (a change makes a new object), so the folded text of an
 * item is made once and reused for every keystroke in the filter box: with 5,000 items, filtering
 * stays a scan of ready strings.
 */
const searchTexts = new WeakMap<Evidence, string>();

/** Everything a person might type to find an item: title, description, quote, addresses, tags, file names and hashes. */
export function evidenceSearchText(item: Evidence): string {
  let text = searchTexts.get(item);
  if (text === undefined) {
    text = fold(
      [
        item.title,
        item.description,
        item.quote,
        item.sourceUrl,
        item.finalUrl,
        item.capturedBy.name,
        ...item.tags,
        ...item.files.flatMap((file) => [file.name, file.sha256, file.mime]),
      ].join('\n'),
    );
    searchTexts.set(item, text);
  }
  return text;
}

function searchTerms(text: string): string[] {
  return fold(text)
    .split(/\s+/)
    .filter((term) => term !== '');
}

const titleCollator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compareOldest(a: Evidence, b: Evidence): number {
  return a.capturedAt < b.capturedAt ? -1 : a.capturedAt > b.capturedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const COMPARE: Record<EvidenceOrder, (a: Evidence, b: Evidence) => number> = {
  oldest: compareOldest,
  newest: (a, b) => compareOldest(b, a),
  title: (a, b) => titleCollator.compare(a.title, b.title) || compareOldest(a, b),
};

/** The items the list shows, in its order. Never changes `items`. */
export function filterEvidence(items: readonly Evidence[], query: EvidenceQuery): Evidence[] {
  const terms = searchTerms(query.text);
  const shown = items.filter((item) => {
    if (item.deleted !== null && !query.showDeleted) return false;
    if (query.kind !== 'all' && item.kind !== query.kind) return false;
    if (terms.length === 0) return true;
    const text = evidenceSearchText(item);
    return terms.every((term) => text.includes(term));
  });
  return shown.sort(COMPARE[query.order]);
}

export function countDeleted(items: readonly Evidence[]): number {
  let count = 0;
  for (const item of items) if (item.deleted !== null) count++;
  return count;
}

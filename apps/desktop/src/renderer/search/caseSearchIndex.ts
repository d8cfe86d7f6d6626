import { type CaseSearchDocument, caseSearchDocument, listEvents, readMeta, richTextPlainText } from '@casefile/model';
import MiniSearch, { type SearchResult } from 'minisearch';
import type * as Y from 'yjs';
import type { CaseTab } from '../routing/caseTabs';

/**
 * Search across the cases on this device (minisearch): a case's title, claims, evidence, notes
 * and actors, found by prefix and with small typos forgiven, in any script (Cyrillic included).
 */

export const SEARCH_FIELDS = ['title', 'claims', 'evidence', 'notes', 'actors'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** A case as indexed: the model's search document, and where in the case each part of its prose is. */
export interface CaseSearchEntry extends CaseSearchDocument {
  /**
   * The model's `notes` field gathers the summary, notes, timeline and verdict rationale; these say
   * which tab holds which, so a hit there opens the right one.
   */
  sections: Array<{ tab: CaseTab; text: string }>;
}

export interface SearchExcerpt {
  before: string;
  match: string;
  after: string;
}

export interface CaseSearchHit {
  id: string;
  title: string;
  score: number;
  /** Where the words were found, best first, each with the tab that shows it. */
  places: Array<{ field: SearchField; tab: CaseTab }>;
  excerpt: SearchExcerpt | null;
}

export function caseSearchEntry(doc: Y.Doc, caseId: string): CaseSearchEntry {
  return {
    ...caseSearchDocument(doc, caseId),
    sections: [
      { tab: 'overview', text: readMeta(doc).summary },
      { tab: 'notes', text: richTextPlainText(doc, 'notes') },
      {
        tab: 'timeline',
        text: listEvents(doc)
          .flatMap((event) => [event.title, event.description])
          .join('\n'),
      },
      { tab: 'verdict', text: richTextPlainText(doc, 'verdictRationale') },
    ],
  };
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Words of a text: runs of letters (any script), marks and digits; everything else separates them. */
export function tokenizeForSearch(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * One form per word, so that case and the Russian ё (often typed as е) do not matter. Applied to
 * both the indexed text and the query.
 */
export function normalizeSearchTerm(term: string): string {
  return term.normalize('NFC').toLowerCase().replaceAll('ё', 'е');
}

/** Lower-cases character by character, so that positions in the result are positions in `text`. */
function foldKeepingPositions(text: string): string {
  let folded = '';
  for (const character of text) {
    const lower = character.toLowerCase();
    folded += lower.length === character.length ? lower : character;
  }
  return folded.replaceAll('ё', 'е');
}

const BOOST: Record<SearchField, number> = { title: 3, claims: 2, actors: 1.5, evidence: 1.2, notes: 1 };

const FIELD_TABS: Record<SearchField, CaseTab> = {
  title: 'overview',
  claims: 'claims',
  evidence: 'evidence',
  notes: 'notes',
  actors: 'actors',
};

export type CaseSearchIndex = MiniSearch<CaseSearchEntry>;

export function createCaseSearchIndex(entries: readonly CaseSearchEntry[] = []): CaseSearchIndex {
  const index = new MiniSearch<CaseSearchEntry>({
    fields: [...SEARCH_FIELDS],
    storeFields: ['title', ...SEARCH_FIELDS, 'sections'],
    tokenize: tokenizeForSearch,
    processTerm: normalizeSearchTerm,
  });
  index.addAll([...entries]);
  return index;
}

/** Adds a case, or replaces what the index held for it. */
export function putCaseInIndex(index: CaseSearchIndex, entry: CaseSearchEntry): void {
  if (index.has(entry.id)) index.replace(entry);
  else index.add(entry);
}

/** Words of a query worth looking for: one-letter words ("и", "a") only when they are all there is. */
function queryTerms(query: string): string[] {
  const words = tokenizeForSearch(query);
  const longer = words.filter((word) => [...word].length > 1);
  return longer.length > 0 ? longer : words;
}

function excerptAround(text: string, terms: readonly string[], radius = 70): SearchExcerpt | null {
  if (text.trim() === '') return null;
  const folded = foldKeepingPositions(text);
  let best: { at: number; length: number } | null = null;
  for (const term of terms) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u');
    const found = pattern.exec(folded);
    if (found && (best === null || found.index < best.at)) {
      // The whole word the term starts, so that a prefix hit is marked as the word it found.
      const rest = folded.slice(found.index).match(/^[\p{L}\p{M}\p{N}]+/u)?.[0] ?? term;
      best = { at: found.index, length: rest.length };
    }
  }
  if (!best) return null;
  const start = Math.max(0, best.at - radius);
  const end = Math.min(text.length, best.at + best.length + radius);
  const flat = (part: string) => part.replace(/\s+/g, ' ');
  return {
    before: `${start > 0 ? '…' : ''}${flat(text.slice(start, best.at)).trimStart()}`,
    match: text.slice(best.at, best.at + best.length),
    after: `${flat(text.slice(best.at + best.length, end)).trimEnd()}${end < text.length ? '…' : ''}`,
  };
}

function placesOf(result: SearchResult): Array<{ field: SearchField; tab: CaseTab }> {
  const fields = new Set<SearchField>();
  for (const matched of Object.values(result.match)) {
    for (const field of matched)
      if ((SEARCH_FIELDS as readonly string[]).includes(field)) fields.add(field as SearchField);
  }
  const ordered = SEARCH_FIELDS.filter((field) => fields.has(field)).sort((a, b) => BOOST[b] - BOOST[a]);
  const places: Array<{ field: SearchField; tab: CaseTab }> = [];
  for (const field of ordered) {
    if (field !== 'notes') {
      places.push({ field, tab: FIELD_TABS[field] });
      continue;
    }
    const sections = (result.sections as CaseSearchEntry['sections'] | undefined) ?? [];
    const holding = sections.filter((section) => excerptAround(section.text, result.terms) !== null);
    if (holding.length === 0) places.push({ field, tab: 'notes' });
    for (const section of holding) places.push({ field, tab: section.tab });
  }
  return places;
}

/** Cases matching every word of `query` (by prefix, small typos forgiven), best first. */
export function searchCases(index: CaseSearchIndex, query: string): CaseSearchHit[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const results = index.search(terms.join(' '), {
    prefix: true,
    fuzzy: (term) => ([...term].length >= 5 ? 0.2 : false),
    combineWith: 'AND',
    boost: BOOST,
  });
  return results.map((result) => {
    const places = placesOf(result);
    const best = places[0];
    const sections = (result.sections as CaseSearchEntry['sections'] | undefined) ?? [];
    const bestText =
      best?.field === 'notes'
        ? (sections.find((section) => section.tab === best.tab)?.text ?? String(result.notes ?? ''))
        : best
          ? String(result[best.field] ?? '')
          : '';
    return {
      id: String(result.id),
      title: String(result.title ?? ''),
      score: result.score,
      places,
      excerpt: best?.field === 'title' ? null : excerptAround(bestText, result.terms),
    };
  });
}

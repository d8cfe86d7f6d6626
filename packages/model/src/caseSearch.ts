import type * as Y from 'yjs';
import { listActors } from './actors.js';
import { readMeta, richTextPlainText } from './caseDocument.js';
import { listClaims } from './claims.js';
import { listEvents } from './events.js';
import { listEvidence } from './evidence.js';

/**
 * One case as the search index (minisearch) takes it: a field per part of the case, so a hit can
 * say where it was found. Text is kept as written, Cyrillic included; the index tokenises it.
 */
export interface CaseSearchDocument {
  id: string;
  title: string;
  /** Claims' text, claimants and platforms. */
  claims: string;
  /** Titles, descriptions, quotes and tags of evidence that is not deleted. */
  evidence: string;
  /** The case's own prose: summary, notes, timeline and verdict rationale. */
  notes: string;
  /** Actors' names, platforms, platform ids and notes. */
  actors: string;
}

const lines = (parts: Array<string | undefined>): string =>
  parts.filter((part) => part && part.trim() !== '').join('\n');

export function caseSearchDocument(doc: Y.Doc, caseId: string): CaseSearchDocument {
  const meta = readMeta(doc);
  return {
    id: caseId,
    title: meta.title,
    claims: lines(listClaims(doc).flatMap((claim) => [claim.text, claim.claimant, claim.platform])),
    evidence: lines(
      listEvidence(doc).flatMap((item) => [item.title, item.description, item.quote, item.tags.join(' ')]),
    ),
    notes: lines([
      meta.summary,
      richTextPlainText(doc, 'notes'),
      ...listEvents(doc).flatMap((event) => [event.title, event.description]),
      richTextPlainText(doc, 'verdictRationale'),
    ]),
    actors: lines(listActors(doc).flatMap((actor) => [actor.name, actor.platform, actor.platformId, actor.notes])),
  };
}

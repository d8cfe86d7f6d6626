import {
  listActors,
  listClaims,
  listEvents,
  listEvidence,
  readLog,
  readMeta,
  readVerdict,
  verdictLabel,
} from '@casefile/model';
import type * as Y from 'yjs';
import { CASE_JSON_FORMAT, CASE_JSON_VERSION, type DossierCase, type Investigator } from './caseJson.js';
import { readRichText } from './richTextBlocks.js';

/** Names what made a dossier, in its JSON and its manifest. */
export const DOSSIER_GENERATOR = 'Casefile dossier 1';

export interface BuildDossierOptions {
  /** The export time written into the dossier; defaults to now. */
  now?: Date;
}

/** Everyone who shaped the case, once each, in the order they first appear. */
function collectTeam(dossier: Omit<DossierCase, 'team'>): Investigator[] {
  const team = new Map<string, Investigator>();
  const add = (who: Investigator | null) => {
    if (who && who.id !== '' && !team.has(who.id)) team.set(who.id, { id: who.id, name: who.name });
  };
  for (const entry of dossier.log) add(entry.by);
  for (const item of dossier.claims) add(item.createdBy);
  for (const item of dossier.actors) add(item.createdBy);
  for (const item of dossier.events) add(item.createdBy);
  for (const item of dossier.evidence) add(item.capturedBy);
  add(dossier.verdict.approvedBy);
  return [...team.values()];
}

/**
 * The current state of a case document as a dossier case (the JSON format v1). Deleted evidence
 * is left out: a dossier is what the team stands behind, and an item deleted as belonging to
 * another case must not travel with this one.
 */
export function buildDossier(doc: Y.Doc, caseId: string, options: BuildDossierOptions = {}): DossierCase {
  const meta = readMeta(doc);
  const verdict = readVerdict(doc);
  const evidence = listEvidence(doc).map(({ deleted: _deleted, ...item }) => ({
    ...item,
    files: item.files.map((file) => ({ ...file })),
  }));
  const withoutTeam = {
    format: CASE_JSON_FORMAT,
    version: CASE_JSON_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    generator: DOSSIER_GENERATOR,
    case: {
      id: caseId,
      title: meta.title,
      summary: meta.summary,
      status: meta.status,
      language: meta.language,
      createdAt: meta.createdAt,
      updatedAt: meta.updatedAt,
      schemaVersion: meta.schemaVersion,
    },
    notes: readRichText(doc, 'notes'),
    claims: listClaims(doc),
    actors: listActors(doc),
    events: listEvents(doc),
    evidence,
    verdict: {
      rating: verdict.rating,
      label: verdict.rating === null ? null : verdictLabel(verdict.rating),
      reviewer: verdict.reviewer,
      state: verdict.state,
      approvedBy: verdict.approvedBy,
      approvedAt: verdict.approvedAt,
      rationale: readRichText(doc, 'verdictRationale'),
    },
    log: readLog(doc),
  } satisfies Omit<DossierCase, 'team'>;
  return { ...withoutTeam, team: collectTeam(withoutTeam) };
}

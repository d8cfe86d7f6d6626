import {
  addActor,
  addClaim,
  addEvent,
  type Change,
  captureEvidence,
  caseSearchDocument,
  isInvestigator,
  isPreciseDate,
  isSha256,
  LOG_ACTIONS,
  LOG_TARGET_TYPES,
  listActors,
  listClaims,
  listEvents,
  listEvidence,
  RICH_TEXT_FIELDS,
  readLog,
  readMeta,
  readVerdict,
  richTextPlainText,
  richTextRoot,
  setReviewer,
  setReviewState,
  setStatus,
  setSummary,
  setTitle,
  setVerdictRating,
} from '@casefile/model';
import * as Y from 'yjs';

/** Everything the app shows of a case, through the model's read functions. */
export function readCase(doc: Y.Doc) {
  return {
    meta: readMeta(doc),
    claims: listClaims(doc),
    actors: listActors(doc),
    events: listEvents(doc),
    evidence: listEvidence(doc, { includeDeleted: true }),
    verdict: readVerdict(doc),
    log: readLog(doc),
    notes: richTextPlainText(doc, 'notes'),
    verdictRationale: richTextPlainText(doc, 'verdictRationale'),
    // With formatting runs and paragraph attributes, which the plain text leaves out.
    notesXml: richTextRoot(doc, 'notes').toString(),
    verdictRationaleXml: richTextRoot(doc, 'verdictRationale').toString(),
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/** Same inserts (state vector; encoded in client order, so equal vectors give equal bytes). */
export function sameStateVector(a: Y.Doc, b: Y.Doc): boolean {
  return sameBytes(Y.encodeStateVector(a), Y.encodeStateVector(b));
}

/**
 * The same Yjs document: the same inserts (state vector) and the same deletions (delete set; a
 * deletion adds nothing to the state vector, so equal vectors alone would miss a lost deletion).
 */
export function sameDocument(a: Y.Doc, b: Y.Doc): boolean {
  return sameStateVector(a, b) && Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b));
}

/**
 * What a replica holds, to check updates against it: every insert (by client and clock range)
 * and every deletion, including what it holds as pending (content whose dependencies it lacks,
 * which Yjs keeps aside and sends on; a server restarted after a crash can hold such content).
 */
export function contentIndex(doc: Y.Doc): (update: Uint8Array, check?: { deletions: boolean }) => string[] {
  // The encoded state includes pending structs and deletions, unlike the state vector.
  const { structs, ds } = Y.decodeUpdate(Y.encodeStateAsUpdate(doc));
  const ranges = new Map<number, Array<[number, number]>>();
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    const list = ranges.get(struct.id.client) ?? [];
    const last = list[list.length - 1];
    const [start, end] = [struct.id.clock, struct.id.clock + struct.length];
    if (last && last[1] === start) last[1] = end;
    else list.push([start, end]);
    ranges.set(struct.id.client, list);
  }
  const holds = (client: number, start: number, end: number) =>
    (ranges.get(client) ?? []).some(([from, to]) => from <= start && end <= to);

  return (update, check = { deletions: true }) => {
    const missing: string[] = [];
    const decoded = Y.decodeUpdate(update);
    for (const struct of decoded.structs) {
      if (struct instanceof Y.Skip) continue;
      const { client, clock } = struct.id;
      if (!holds(client, clock, clock + struct.length)) missing.push(`insert ${client}:${clock}+${struct.length}`);
    }
    if (!check.deletions) return missing;
    for (const [client, deletions] of decoded.ds.clients) {
      for (const { clock, len } of deletions) {
        for (let at = clock; at < clock + len; at++) {
          if (Y.isDeleted(ds, Y.createID(client, at))) continue;
          missing.push(`deletion of ${client}:${at}`);
          break;
        }
      }
    }
    return missing;
  };
}

/** Object keys sorted, so that two values compare by content whatever order their keys were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

// Lists of links and tags: the readers drop links to items deleted meanwhile and duplicate entries
// that concurrent adds leave, by design; the other fields must read back exactly as stored.
const LIST_FIELDS = new Set(['tags', 'claimIds', 'actorIds', 'eventIds', 'evidenceIds']);

const COLLECTIONS = [
  { name: 'claims', list: listClaims },
  { name: 'actors', list: listActors },
  { name: 'events', list: listEvents },
  { name: 'evidence', list: (doc: Y.Doc) => listEvidence(doc, { includeDeleted: true }) },
] as const;

/**
 * What is wrong with a case document, as a list of problems (empty when it is valid):
 * - the readers take every stored item and log entry (none silently skipped as unreadable) and
 *   read every stored field back as stored (none replaced by a default because it was invalid);
 * - every item, the meta and the verdict pass the model's own schemas: they are written again,
 *   through the model's write functions, into a copy of the document, and the model validates every
 *   write (including rules across fields, such as a quote's file hashing to its text);
 * - links between events and evidence agree on both sides; rich text keeps Lexical's V2 layout.
 */
export function caseProblems(doc: Y.Doc, caseId: string): string[] {
  const problems: string[] = [];
  const check = (what: string, test: () => unknown) => {
    try {
      if (test() === false) problems.push(what);
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`);
    }
  };

  let state: ReturnType<typeof readCase>;
  try {
    state = readCase(doc);
    caseSearchDocument(doc, caseId);
  } catch (error) {
    return [`reading the case threw: ${(error as Error).message}`];
  }

  for (const { name, list } of COLLECTIONS) {
    const stored = doc.getMap(name);
    const items = list(doc) as unknown as Array<Record<string, unknown> & { id: string }>;
    check(`${name}: every stored entry is an item map`, () => [...stored.values()].every((v) => v instanceof Y.Map));
    check(`${name}: the list holds every stored item`, () => items.length === stored.size);
    for (const item of items) {
      const map = stored.get(item.id) as Y.Map<unknown>;
      for (const [field, value] of Object.entries(item)) {
        if (field === 'id' || LIST_FIELDS.has(field)) continue;
        check(`${name} ${item.id}: ${field} reads back as stored`, () => {
          const raw = map.get(field);
          return canonical(raw instanceof Y.AbstractType ? raw.toJSON() : raw) === canonical(value);
        });
      }
    }
  }
  const rawLog = doc.getArray('log').toArray();
  check('log: every stored entry is readable', () => rawLog.length === state.log.length);
  for (const [index, entry] of state.log.entries()) {
    check(`log entry ${index} is well formed`, () => {
      return (
        isInvestigator(entry.by) &&
        (LOG_ACTIONS as readonly string[]).includes(entry.action) &&
        (LOG_TARGET_TYPES as readonly string[]).includes(entry.target.type) &&
        !Number.isNaN(Date.parse(entry.at))
      );
    });
  }

  // The model's schemas, as its writes apply them. Each write gets the stored values.
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const change: Change = { by: { id: 'validator', name: 'Validator' }, now: new Date('2030-01-01T00:00:00Z') };
  const { meta, verdict } = state;
  check('meta passes the model’s schemas', () => {
    setTitle(copy, meta.title, change);
    setSummary(copy, meta.summary, change);
    setStatus(copy, meta.status, change);
  });
  check('verdict passes the model’s schemas', () => {
    setVerdictRating(copy, verdict.rating, change);
    setReviewState(copy, verdict.state, change);
    setReviewer(copy, verdict.reviewer, change);
    return verdict.state !== 'approved' || (isInvestigator(verdict.approvedBy) && verdict.approvedAt !== null);
  });
  for (const claim of state.claims) {
    check(`claim ${claim.id} passes the model’s schemas`, () => {
      const { text, url, platform, firstSeen, claimant } = claim;
      addClaim(copy, { text, url, platform, firstSeen, claimant }, change);
      return isInvestigator(claim.createdBy) && (firstSeen === null || isPreciseDate(firstSeen));
    });
  }
  for (const actor of state.actors) {
    check(`actor ${actor.id} passes the model’s schemas`, () => {
      const { name, kind, platform, url, platformId, notes, claimIds } = actor;
      addActor(copy, { name, kind, platform, url, platformId, notes, claimIds }, change);
      return isInvestigator(actor.createdBy);
    });
  }
  for (const event of state.events) {
    check(`event ${event.id} passes the model’s schemas`, () => {
      const { date, title, description, evidenceIds, actorIds } = event;
      addEvent(copy, { date, title, description, evidenceIds, actorIds }, change);
      return isInvestigator(event.createdBy);
    });
  }
  for (const item of state.evidence) {
    check(`evidence ${item.id} passes the model’s schemas`, () => {
      const { id: _id, capturedAt: _at, capturedBy, deleted, ...capture } = item;
      captureEvidence(copy, capture, change);
      return (
        isInvestigator(capturedBy) &&
        item.files.every((file) => isSha256(file.sha256)) &&
        (deleted === null || (isInvestigator(deleted.by) && deleted.reason.trim() !== ''))
      );
    });
  }
  copy.destroy();

  // An event's evidence and an evidence item's events are one relation, seen from both sides.
  for (const event of state.events) {
    for (const item of state.evidence) {
      const fromEvent = event.evidenceIds.includes(item.id);
      const fromEvidence = item.eventIds.includes(event.id);
      check(`event ${event.id} and evidence ${item.id} agree on their link`, () => fromEvent === fromEvidence);
    }
  }

  for (const field of RICH_TEXT_FIELDS) {
    const blocks = richTextRoot(doc, field).toArray();
    check(`${field}: every block is a paragraph holding one XmlText (Lexical V2 layout)`, () =>
      blocks.every(
        (block) =>
          block instanceof Y.XmlElement &&
          block.nodeName === 'paragraph' &&
          block.length === 1 &&
          block.get(0) instanceof Y.XmlText,
      ),
    );
  }
  return problems;
}

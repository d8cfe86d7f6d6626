import {
  ACTOR_KINDS,
  addActor,
  addClaim,
  addEvent,
  CASE_STATUSES,
  type CaseStatus,
  type Change,
  CREDIBILITY_GRADES,
  captureEvidence,
  deleteActor,
  deleteClaim,
  deleteEvent,
  deleteEvidence,
  EVIDENCE_KINDS,
  type EvidenceCapture,
  type EvidenceFile,
  type EvidencePatch,
  type Investigator,
  listActors,
  listClaims,
  listEvents,
  listEvidence,
  type PreciseDate,
  quoteFile,
  RELIABILITY_GRADES,
  REVIEW_STATES,
  readMeta,
  readVerdict,
  restoreEvidence,
  setReviewer,
  setReviewState,
  setStatus,
  setSummary,
  setTitle,
  setVerdictRating,
  updateActor,
  updateClaim,
  updateEvent,
  updateEvidence,
  ValidationError,
  VERDICT_RATINGS,
} from '@casefile/model';
import * as Y from 'yjs';
import type { Random } from './random.js';

/** One investigator editing their replica through the model, as the app's forms do. */
export interface Editor {
  doc: Y.Doc;
  who: Investigator;
  random: Random;
  /** Milliseconds of this editor's simulated clock (see `nextChange`). */
  clock: number;
  /** Added to every step of the clock; see `nextChange`. */
  clockStride: number;
}

/**
 * The `Change` of the next write. Time is simulated so that a seed replays the same log: mostly
 * seconds apart (bursts of typing fold into one log entry), sometimes minutes (they do not).
 * Every step is a multiple of `clockStride` (the number of clients) plus the client's own offset,
 * so two clients never stamp the same millisecond: the model orders claims, actors and evidence
 * by creation time alone, and items of one millisecond from two clients list in each replica's
 * arrival order (a model issue this suite reports; it would show as a difference in list order).
 */
function nextChange(editor: Editor): Change {
  const steps = editor.random.chance(0.8) ? editor.random.int(100, 5_000) : editor.random.int(5_000, 180_000);
  editor.clock += steps * editor.clockStride;
  return { by: editor.who, now: new Date(editor.clock) };
}

/** Keeps collections to a size where each op stays cheap: at the cap, adding turns into deleting. */
const MAX_ITEMS = 25;

const PLATFORMS = ['Telegram', 'X', 'VK', 'Facebook', 'TikTok', 'YouTube', ''];
const TAGS = ['satellite', 'deepfake', 'geolocated', 'Москва', 'archived', 'needs-review'];
const MIMES = ['image/png', 'image/jpeg', 'application/pdf', 'video/mp4', 'application/octet-stream'];

function url(random: Random): string {
  return `https://example.org/${random.pick(['post', 'channel', 'video', 'a'])}/${random.int(1, 99_999)}`;
}

function preciseDate(random: Random): PreciseDate {
  const year = String(random.int(2015, 2026));
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  const time = `${String(random.int(0, 23)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}`;
  switch (random.pick(['year', 'month', 'day', 'minute'] as const)) {
    case 'year':
      return { value: year, precision: 'year' };
    case 'month':
      return { value: `${year}-${month}`, precision: 'month' };
    case 'day':
      return { value: `${year}-${month}-${day}`, precision: 'day' };
    case 'minute':
      return { value: `${year}-${month}-${day}T${time}Z`, precision: 'minute' };
  }
}

/** A keystroke-sized change to a text field: a word added, a few characters removed, or a retype. */
function typed(random: Random, before: string, max: number, required = false): string {
  let after: string;
  const roll = random.float();
  if (roll < 0.5) after = `${before}${before === '' ? '' : ' '}${random.words(1, 2)}`;
  else if (roll < 0.8) after = [...before].slice(0, -random.int(1, 4)).join('');
  else after = random.words(1, 6);
  if (after.length > max) after = random.words(1, 3);
  return required && after.trim() === '' ? random.words(1, 3) : after;
}

function fakeFile(random: Random, role: EvidenceFile['role'], mime = random.pick(MIMES)): EvidenceFile {
  return { sha256: random.sha256(), size: random.int(0, 50_000_000), mime, name: `${random.int(1, 999)}.bin`, role };
}

function liveEvidence(doc: Y.Doc) {
  return listEvidence(doc);
}

function deletedEvidence(doc: Y.Doc) {
  return listEvidence(doc, { includeDeleted: true }).filter((item) => item.deleted !== null);
}

const ids = (items: ReadonlyArray<{ id: string }>) => items.map((item) => item.id);

function newCapture(editor: Editor): EvidenceCapture {
  const { doc, random } = editor;
  const kind = random.pick(EVIDENCE_KINDS);
  const capture: EvidenceCapture = { kind, captureTool: 'Casefile convergence test' };
  switch (kind) {
    case 'link':
      capture.sourceUrl = url(random);
      break;
    case 'file':
      capture.files = [fakeFile(random, 'original')];
      if (random.chance(0.5)) capture.sourceUrl = url(random);
      break;
    case 'screenshot':
      capture.files = [fakeFile(random, 'screenshot', 'image/png')];
      break;
    case 'webCapture':
      capture.sourceUrl = url(random);
      capture.finalUrl = url(random);
      capture.files = [fakeFile(random, 'snapshot', 'text/html'), fakeFile(random, 'screenshot', 'image/png')];
      break;
    case 'quote': {
      capture.quote = random.words(2, 12);
      capture.files = [quoteFile(capture.quote).file];
      break;
    }
  }
  if (random.chance(0.6)) capture.title = random.words(1, 5);
  if (random.chance(0.3)) capture.description = random.words(3, 15);
  if (random.chance(0.4)) capture.tags = random.subset(TAGS, 3);
  if (random.chance(0.4)) capture.reliability = random.pick(RELIABILITY_GRADES);
  if (random.chance(0.4)) capture.credibility = random.pick(CREDIBILITY_GRADES);
  if (random.chance(0.4)) capture.claimIds = random.subset(ids(listClaims(doc)), 3);
  if (random.chance(0.3)) capture.actorIds = random.subset(ids(listActors(doc)), 2);
  if (random.chance(0.3)) capture.eventIds = random.subset(ids(listEvents(doc)), 2);
  const all = listEvidence(doc, { includeDeleted: true });
  if (all.length > 0 && random.chance(0.15)) capture.derivedFrom = random.pick(all).id;
  return capture;
}

function evidencePatch(editor: Editor, before: { title: string; description: string }): EvidencePatch {
  const { doc, random } = editor;
  switch (random.int(0, 7)) {
    case 0:
      return { title: typed(random, before.title, 500) };
    case 1:
      return { description: typed(random, before.description, 20_000) };
    case 2:
      return { tags: random.subset(TAGS, 4) };
    case 3:
      return { reliability: random.chance(0.2) ? null : random.pick(RELIABILITY_GRADES) };
    case 4:
      return { credibility: random.chance(0.2) ? null : random.pick(CREDIBILITY_GRADES) };
    case 5:
      return { claimIds: random.subset(ids(listClaims(doc)), 3) };
    case 6:
      return { actorIds: random.subset(ids(listActors(doc)), 3) };
    default:
      return { eventIds: random.subset(ids(listEvents(doc)), 3) };
  }
}

/**
 * Writes the model must refuse; each must throw `ValidationError` and leave the document as it
 * was (the model validates everything before it writes anything).
 */
function refusedWrite(editor: Editor): void {
  const { doc, random } = editor;
  const change = nextChange(editor);
  const live = liveEvidence(doc);
  const attempts: Array<() => unknown> = [
    () => addClaim(doc, { text: '   ' }, change),
    () => setStatus(doc, 'closed' as CaseStatus, change),
    () => addEvent(doc, { title: 'Posted', date: { value: '2022-13', precision: 'month' } }, change),
    () => addActor(doc, { name: 'Someone', kind: 'account', url: 'not an address' }, change),
    () =>
      captureEvidence(
        doc,
        { kind: 'file', captureTool: 'test', files: [{ ...fakeFile(random, 'original'), sha256: 'abc' }] },
        change,
      ),
    () => addClaim(doc, { text: 'linked', claimIds: ['no-such-claim'] } as never, change),
  ];
  if (live.length > 0) {
    attempts.push(() => updateEvidence(doc, random.pick(live).id, { sourceUrl: url(random) } as never, change));
  }
  const before = Y.encodeStateVector(doc);
  try {
    random.pick(attempts)();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    if (!sameBytes(before, Y.encodeStateVector(doc))) throw new Error('A refused write changed the document.');
    return;
  }
  throw new Error('A write the model must refuse was accepted.');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/** An edit: does it and returns true, or returns false when it does not apply (nothing to update). */
type Edit = (editor: Editor) => boolean;

const caseEdits: Record<string, { weight: number; run: Edit }> = {
  title: {
    weight: 3,
    run: (e) => {
      setTitle(e.doc, typed(e.random, readMeta(e.doc).title, 300), nextChange(e));
      return true;
    },
  },
  summary: {
    weight: 3,
    run: (e) => {
      setSummary(e.doc, typed(e.random, readMeta(e.doc).summary, 2000), nextChange(e));
      return true;
    },
  },
  status: {
    weight: 1,
    run: (e) => {
      setStatus(e.doc, e.random.pick(CASE_STATUSES), nextChange(e));
      return true;
    },
  },

  addClaim: {
    weight: 4,
    run: (e) => {
      if (listClaims(e.doc).length >= MAX_ITEMS) return caseEdits.deleteClaim?.run(e) ?? false;
      const { random } = e;
      addClaim(
        e.doc,
        {
          text: random.words(2, 12),
          url: random.chance(0.5) ? url(random) : '',
          platform: random.pick(PLATFORMS),
          firstSeen: random.chance(0.5) ? preciseDate(random) : null,
          claimant: random.chance(0.5) ? random.words(1, 3) : '',
        },
        nextChange(e),
      );
      return true;
    },
  },
  updateClaim: {
    weight: 5,
    run: (e) => {
      const claims = listClaims(e.doc);
      if (claims.length === 0) return false;
      const claim = e.random.pick(claims);
      const { random } = e;
      const patch = random.pick([
        { text: typed(random, claim.text, 5000, true) },
        { url: random.chance(0.2) ? '' : url(random) },
        { platform: random.pick(PLATFORMS) },
        { firstSeen: random.chance(0.2) ? null : preciseDate(random) },
        { claimant: typed(random, claim.claimant, 300) },
      ]);
      updateClaim(e.doc, claim.id, patch, nextChange(e));
      return true;
    },
  },
  deleteClaim: {
    weight: 2,
    run: (e) => {
      const claims = listClaims(e.doc);
      if (claims.length === 0) return false;
      deleteClaim(e.doc, e.random.pick(claims).id, nextChange(e));
      return true;
    },
  },

  addActor: {
    weight: 3,
    run: (e) => {
      if (listActors(e.doc).length >= MAX_ITEMS) return caseEdits.deleteActor?.run(e) ?? false;
      const { random } = e;
      addActor(
        e.doc,
        {
          name: random.words(1, 3),
          kind: random.pick(ACTOR_KINDS),
          platform: random.pick(PLATFORMS),
          url: random.chance(0.5) ? url(random) : '',
          platformId: random.chance(0.5) ? `@${random.int(1, 1e6)}` : '',
          notes: random.chance(0.3) ? random.words(2, 10) : '',
          claimIds: random.subset(ids(listClaims(e.doc)), 3),
        },
        nextChange(e),
      );
      return true;
    },
  },
  updateActor: {
    weight: 4,
    run: (e) => {
      const actors = listActors(e.doc);
      if (actors.length === 0) return false;
      const actor = e.random.pick(actors);
      const { random } = e;
      const patch = random.pick([
        { name: typed(random, actor.name, 300, true) },
        { kind: random.pick(ACTOR_KINDS) },
        { notes: typed(random, actor.notes, 10_000) },
        { url: random.chance(0.2) ? '' : url(random) },
        { claimIds: random.subset(ids(listClaims(e.doc)), 4) },
      ]);
      updateActor(e.doc, actor.id, patch, nextChange(e));
      return true;
    },
  },
  deleteActor: {
    weight: 2,
    run: (e) => {
      const actors = listActors(e.doc);
      if (actors.length === 0) return false;
      deleteActor(e.doc, e.random.pick(actors).id, nextChange(e));
      return true;
    },
  },

  addEvent: {
    weight: 3,
    run: (e) => {
      if (listEvents(e.doc).length >= MAX_ITEMS) return caseEdits.deleteEvent?.run(e) ?? false;
      const { random } = e;
      addEvent(
        e.doc,
        {
          date: preciseDate(random),
          title: random.words(1, 5),
          description: random.chance(0.4) ? random.words(3, 12) : '',
          evidenceIds: random.subset(ids(liveEvidence(e.doc)), 3),
          actorIds: random.subset(ids(listActors(e.doc)), 2),
        },
        nextChange(e),
      );
      return true;
    },
  },
  updateEvent: {
    weight: 4,
    run: (e) => {
      const events = listEvents(e.doc);
      if (events.length === 0) return false;
      const event = e.random.pick(events);
      const { random } = e;
      const patch = random.pick([
        { date: preciseDate(random) },
        { title: typed(random, event.title, 300, true) },
        { description: typed(random, event.description, 10_000) },
        { evidenceIds: random.subset(ids(listEvidence(e.doc, { includeDeleted: true })), 4) },
        { actorIds: random.subset(ids(listActors(e.doc)), 3) },
      ]);
      updateEvent(e.doc, event.id, patch, nextChange(e));
      return true;
    },
  },
  deleteEvent: {
    weight: 2,
    run: (e) => {
      const events = listEvents(e.doc);
      if (events.length === 0) return false;
      deleteEvent(e.doc, e.random.pick(events).id, nextChange(e));
      return true;
    },
  },

  captureEvidence: {
    weight: 4,
    run: (e) => {
      if (liveEvidence(e.doc).length >= MAX_ITEMS) return caseEdits.deleteEvidence?.run(e) ?? false;
      captureEvidence(e.doc, newCapture(e), nextChange(e));
      return true;
    },
  },
  updateEvidence: {
    weight: 5,
    run: (e) => {
      const live = liveEvidence(e.doc);
      if (live.length === 0) return false;
      const item = e.random.pick(live);
      updateEvidence(e.doc, item.id, evidencePatch(e, item), nextChange(e));
      return true;
    },
  },
  deleteEvidence: {
    weight: 2,
    run: (e) => {
      const live = liveEvidence(e.doc);
      if (live.length === 0) return false;
      deleteEvidence(e.doc, e.random.pick(live).id, e.random.words(1, 4), nextChange(e));
      return true;
    },
  },
  restoreEvidence: {
    weight: 1,
    run: (e) => {
      const deleted = deletedEvidence(e.doc);
      if (deleted.length === 0) return false;
      restoreEvidence(e.doc, e.random.pick(deleted).id, nextChange(e));
      return true;
    },
  },

  verdictRating: {
    weight: 1,
    run: (e) => {
      const rating = e.random.chance(0.15) ? null : e.random.pick(VERDICT_RATINGS).rating;
      setVerdictRating(e.doc, rating, nextChange(e));
      return true;
    },
  },
  reviewState: {
    weight: 1,
    run: (e) => {
      setReviewState(e.doc, e.random.pick(REVIEW_STATES), nextChange(e));
      return true;
    },
  },
  reviewer: {
    weight: 1,
    run: (e) => {
      setReviewer(e.doc, typed(e.random, readVerdict(e.doc).reviewer, 200), nextChange(e));
      return true;
    },
  },

  refused: {
    weight: 1,
    run: (e) => {
      refusedWrite(e);
      return true;
    },
  },
};

export const CASE_EDITS: ReadonlyArray<{ name: string; weight: number; run: Edit }> = Object.entries(caseEdits).map(
  ([name, edit]) => ({ name, ...edit }),
);

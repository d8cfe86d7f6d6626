import {
  addActor,
  addClaim,
  addEvent,
  type Change,
  captureEvidence,
  deleteClaim,
  deleteEvidence,
  type Investigator,
  initCase,
  quoteFile,
  readLog,
  restoreEvidence,
  setReviewState,
  setStatus,
  setTitle,
  setVerdictRating,
  updateClaim,
} from '@casefile/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeAction, describeDetails, describeLogEntry, describeWhen, newestFirst } from './activityPhrases';

const aigerim: Investigator = { id: 'aigerimaigerimaigeri', name: 'Aigerim' };
const at = (iso: string): Change => ({ by: aigerim, now: new Date(iso) });
const NOW = Date.parse('2026-05-01T12:00:00.000Z');

function newCase(): Y.Doc {
  const doc = new Y.Doc();
  initCase(doc, { title: 'NATO centre in Astana' }, at('2026-05-01T09:00:00.000Z'));
  return doc;
}

function lastEntry(doc: Y.Doc) {
  const entry = readLog(doc).at(-1);
  if (!entry) throw new Error('The log is empty.');
  return entry;
}

describe('the activity feed', () => {
  it('says who changed the title and how long ago', () => {
    const doc = newCase();
    setTitle(doc, 'NATO “peacekeeping centre” in Astana', at('2026-05-01T11:58:00.000Z'));
    expect(describeLogEntry(lastEntry(doc), NOW)).toBe('Aigerim changed the title · 2 min ago');
  });

  it('shows a case’s creation with its initial values', () => {
    const doc = newCase();
    const [created] = readLog(doc);
    if (!created) throw new Error('No creation entry.');
    expect(describeLogEntry(created, NOW)).toBe('Aigerim created the case · 3 h ago');
    expect(describeDetails(created)).toBe('Title: NATO centre in Astana; status: open; language: en');
  });

  it('says the new value of short fields', () => {
    const doc = newCase();
    setStatus(doc, 'in review', at('2026-05-01T11:59:50.000Z'));
    expect(describeLogEntry(lastEntry(doc), NOW)).toBe('Aigerim set the status to in review · just now');
  });

  it('names the claim, actor and event that were added, with what they started with', () => {
    const doc = newCase();
    const claimId = addClaim(
      doc,
      {
        text: 'NATO opened a peacekeeping centre in Astana',
        platform: 'Telegram',
        firstSeen: { value: '2022-10', precision: 'month' },
      },
      at('2026-05-01T11:00:00.000Z'),
    );
    const claimAdded = lastEntry(doc);
    expect(describeAction(claimAdded)).toBe('added the claim “NATO opened a peacekeeping centre in Astana”');
    expect(describeDetails(claimAdded)).toBe('Platform: Telegram; first-seen date: Oct 2022');

    addActor(doc, { name: 'Argumenty i Fakty', kind: 'outlet', claimIds: [claimId] }, at('2026-05-01T11:00:00.000Z'));
    expect(describeAction(lastEntry(doc))).toBe('added the actor “Argumenty i Fakty”');
    expect(describeDetails(lastEntry(doc))).toBe('Kind: outlet; linked claims: 1');

    addEvent(
      doc,
      { date: { value: '2022-10-25', precision: 'day' }, title: 'Moscow outlets repeat it' },
      at('2026-05-01T11:00:00.000Z'),
    );
    expect(describeAction(lastEntry(doc))).toBe('added the event “Moscow outlets repeat it” to the timeline');
    expect(describeDetails(lastEntry(doc))).toBe('Date: 25 Oct 2022');

    updateClaim(doc, claimId, { url: 'https://t.me/example/1', claimant: 'A channel' }, at('2026-05-01T11:30:00.000Z'));
    expect(describeAction(lastEntry(doc))).toBe(
      'changed the address and claimant of the claim “NATO opened a peacekeeping centre in Astana”',
    );
    updateClaim(doc, claimId, { firstSeen: { value: '2022-10-24', precision: 'day' } }, at('2026-05-01T11:31:00.000Z'));
    expect(describeAction(lastEntry(doc))).toBe(
      'set the first-seen date of the claim “NATO opened a peacekeeping centre in Astana” to 24 Oct 2022',
    );
    deleteClaim(doc, claimId, at('2026-05-01T11:40:00.000Z'));
    expect(describeLogEntry(lastEntry(doc), NOW)).toBe(
      'Aigerim deleted the claim “NATO opened a peacekeeping centre in Astana” · 20 min ago',
    );
  });

  it('reads evidence being captured, deleted with a reason and restored', () => {
    const doc = newCase();
    const text = 'The Ministry of Defence denies it.';
    const id = captureEvidence(
      doc,
      {
        kind: 'quote',
        captureTool: 'Casefile test',
        quote: text,
        title: 'Ministry denial',
        files: [quoteFile(text).file],
      },
      at('2026-05-01T11:00:00.000Z'),
    );
    expect(describeAction(lastEntry(doc))).toBe('captured the evidence “Ministry denial”');
    deleteEvidence(doc, id, 'A duplicate', at('2026-05-01T11:10:00.000Z'));
    expect(describeAction(lastEntry(doc))).toBe('deleted the evidence “Ministry denial”');
    expect(describeDetails(lastEntry(doc))).toBe('Reason: A duplicate');
    restoreEvidence(doc, id, at('2026-05-01T11:11:00.000Z'));
    expect(describeAction(lastEntry(doc))).toBe('restored the evidence “Ministry denial”');
  });

  it('reads the verdict being rated, sent for review and approved', () => {
    const doc = newCase();
    setVerdictRating(doc, 'missingContext', at('2026-05-01T11:00:00.000Z'));
    expect(describeAction(lastEntry(doc))).toBe('rated the claim “Missing context”');
    setVerdictRating(doc, null, at('2026-05-01T11:00:01.000Z'));
    expect(describeAction(lastEntry(doc))).toBe('cleared the verdict’s rating');
    setReviewState(doc, 'in review', at('2026-05-01T11:01:00.000Z'));
    expect(describeAction(lastEntry(doc))).toBe('sent the verdict for review');
    setReviewState(doc, 'approved', at('2026-05-01T11:02:00.000Z'));
    expect(describeAction(lastEntry(doc))).toBe('approved the verdict');
    setReviewState(doc, 'draft', at('2026-05-01T11:03:00.000Z'));
    expect(describeAction(lastEntry(doc))).toBe('moved the verdict back to draft');
  });

  it('lists the newest entry first', () => {
    const doc = newCase();
    setTitle(doc, 'Second', at('2026-05-01T10:00:00.000Z'));
    setStatus(doc, 'published', at('2026-05-01T10:01:00.000Z'));
    expect(newestFirst(readLog(doc)).map((entry) => entry.action)).toEqual(['changed', 'changed', 'created']);
    expect(newestFirst(readLog(doc))[0]?.fields).toEqual({ status: 'published' });
  });
});

describe('describeWhen', () => {
  it('counts minutes, hours and days, then gives the date', () => {
    expect(describeWhen('2026-05-01T11:59:30.000Z', NOW)).toBe('just now');
    expect(describeWhen('2026-05-01T11:55:00.000Z', NOW)).toBe('5 min ago');
    expect(describeWhen('2026-05-01T09:00:00.000Z', NOW)).toBe('3 h ago');
    expect(describeWhen('2026-04-30T10:00:00.000Z', NOW)).toBe('yesterday');
    expect(describeWhen('2026-04-27T12:00:00.000Z', NOW)).toBe('4 days ago');
    expect(describeWhen('2026-03-02T12:00:00.000Z', NOW)).toBe('2 Mar 2026');
    expect(describeWhen('not a time', NOW)).toBe('');
  });
});

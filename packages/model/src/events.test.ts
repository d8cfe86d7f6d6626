import { describe, expect, it } from 'vitest';
import { readLog } from './activityLog.js';
import { addActor } from './actors.js';
import { addEvent, deleteEvent, getEvent, listEvents, updateEvent } from './events.js';
import { captureEvidence, getEvidence, updateEvidence } from './evidence.js';
import { alice, bob, by, expectRefused, newCase } from './testSupport.js';

const link = { kind: 'link' as const, captureTool: 'test', sourceUrl: 'https://example.org/post' };

describe('timeline events', () => {
  it('are added, updated and deleted, each step logged', () => {
    const doc = newCase();
    const actor = addActor(doc, { name: 'Ministry of Defence', kind: 'organisation' }, by(alice));
    const id = addEvent(
      doc,
      { date: { value: '2022-10', precision: 'month' }, title: 'The Ministry denies it', actorIds: [actor] },
      by(alice, '2026-05-01T08:00:00.000Z'),
    );
    expect(getEvent(doc, id)).toEqual({
      id,
      date: { value: '2022-10', precision: 'month' },
      title: 'The Ministry denies it',
      description: '',
      evidenceIds: [],
      actorIds: [actor],
      createdAt: '2026-05-01T08:00:00.000Z',
      createdBy: alice,
    });
    updateEvent(doc, id, { date: { value: '2022-10-27', precision: 'day' } }, by(bob));
    expect(getEvent(doc, id)?.date).toEqual({ value: '2022-10-27', precision: 'day' });
    expect(readLog(doc).at(-1)).toMatchObject({
      action: 'changed',
      by: bob,
      fields: { date: { value: '2022-10-27', precision: 'day' } },
    });
    deleteEvent(doc, id, by(bob));
    expect(listEvents(doc)).toEqual([]);
    expect(readLog(doc).at(-1)).toMatchObject({ action: 'deleted', target: { type: 'event', id } });
  });

  it('sort chronologically across precisions, then by title', () => {
    const doc = newCase();
    const add = (value: string, precision: 'year' | 'month' | 'day' | 'minute', title: string) =>
      addEvent(doc, { date: { value, precision }, title }, by(alice));
    add('2022-10-25', 'day', 'Republic Day');
    add('2022-10', 'month', 'Telegram posts');
    add('2022-07', 'month', 'Biolabs story');
    add('2022-10', 'month', 'Ministry denies');
    add('1990-10-25', 'day', 'Sovereignty declared');
    add('2022-10-25T08:00Z', 'minute', 'Morning post');
    add('2022', 'year', 'The year of the story');
    expect(listEvents(doc).map((event) => event.title)).toEqual([
      'Sovereignty declared',
      'The year of the story',
      'Biolabs story',
      'Ministry denies',
      'Telegram posts',
      'Republic Day',
      'Morning post',
    ]);
  });

  it('share their evidence links with the evidence, both ways, and lose them when the event is deleted', () => {
    const doc = newCase();
    const event = addEvent(doc, { date: { value: '2022-10', precision: 'month' }, title: 'Posts' }, by(alice));
    const fromEvidence = captureEvidence(doc, { ...link, eventIds: [event] }, by(alice));
    expect(getEvent(doc, event)?.evidenceIds).toEqual([fromEvidence]);
    const other = captureEvidence(doc, link, by(alice));
    updateEvent(doc, event, { evidenceIds: [fromEvidence, other] }, by(alice));
    expect(getEvidence(doc, other)?.eventIds).toEqual([event]);
    updateEvidence(doc, fromEvidence, { eventIds: [] }, by(alice));
    expect(getEvent(doc, event)?.evidenceIds).toEqual([other]);
    deleteEvent(doc, event, by(alice));
    expect(getEvidence(doc, other)?.eventIds).toEqual([]);
  });

  it('refuse a date without a precision or not matching it, and a missing title, writing nothing', () => {
    const doc = newCase();
    const id = addEvent(doc, { date: { value: '2022', precision: 'year' }, title: 'A year' }, by(alice));
    expectRefused(
      doc,
      () => addEvent(doc, { date: { value: '2022-10-25' } as never, title: 'No precision' }, by(alice)),
      /needs a precision saying how exactly it is known/,
    );
    expectRefused(
      doc,
      () => addEvent(doc, { date: { value: '2022-10-25', precision: 'month' }, title: 'Mismatch' }, by(alice)),
      /A date known to the month is written YYYY-MM/,
    );
    expectRefused(doc, () => addEvent(doc, { title: 'No date' } as never, by(alice)), /A date is written as/);
    expectRefused(doc, () => updateEvent(doc, id, { title: ' ' }, by(alice)), /event’s title is required/);
    expectRefused(
      doc,
      () => updateEvent(doc, id, { actorIds: ['ghost'] }, by(alice)),
      /which is no actor of this case/,
    );
  });
});

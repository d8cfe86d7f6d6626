import type * as Y from 'yjs';
import { defineCollection, readInvestigator, readLinks, readText } from './collections.js';
import { idListSchema, requiredTextSchema, textSchema } from './fieldSchemas.js';
import type { Change, Investigator } from './investigator.js';
import { comparePreciseDates, isPreciseDate, type PreciseDate, preciseDateSchema } from './preciseDate.js';

/** One moment of the case's timeline, dated only as exactly as the sources support. */
export interface CaseEvent {
  id: string;
  date: PreciseDate;
  title: string;
  description: string;
  /** Evidence for this event; the same links as the evidence items' `eventIds`, kept in step. */
  evidenceIds: string[];
  actorIds: string[];
  createdAt: string;
  createdBy: Investigator;
}

export type CaseEventInput = Partial<Pick<CaseEvent, 'date' | 'title' | 'description' | 'evidenceIds' | 'actorIds'>> &
  Pick<CaseEvent, 'date' | 'title'>;

const events = defineCollection<CaseEvent>({
  name: 'events',
  target: 'event',
  fields: {
    date: { schema: preciseDateSchema },
    title: {
      schema: requiredTextSchema('An event’s title', 300, 'say in a few words what happened.'),
      typed: true,
    },
    description: { schema: textSchema('An event’s description', 10000), initial: () => '', typed: true },
    evidenceIds: { schema: idListSchema('The event’s evidence'), initial: () => [], list: 'links' },
    actorIds: { schema: idListSchema('The event’s actors'), initial: () => [], list: 'links' },
  },
  read: (doc, id, map): CaseEvent => {
    const date = map.get('date');
    return {
      id,
      // An event always has a date; a damaged one sorts first rather than vanishing.
      date: isPreciseDate(date)
        ? { value: date.value, precision: date.precision }
        : { value: '0001', precision: 'year' },
      title: readText(map, 'title'),
      description: readText(map, 'description'),
      evidenceIds: readLinks(doc, map, 'evidenceIds', 'evidence'),
      actorIds: readLinks(doc, map, 'actorIds', 'actors'),
      createdAt: readText(map, 'createdAt'),
      createdBy: readInvestigator(map, 'createdBy'),
    };
  },
  label: (event) => event.title,
  stamp: (by, at) => ({ createdAt: at, createdBy: by }),
  order: (a, b) => comparePreciseDates(a.date, b.date) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id),
});

/** Adds an event to the timeline; returns its id. */
export function addEvent(doc: Y.Doc, input: CaseEventInput, change: Change): string {
  return events.add(doc, input, change);
}

export function updateEvent(doc: Y.Doc, id: string, patch: Partial<CaseEventInput>, change: Change): void {
  events.update(doc, id, patch, change);
}

/** Deletes an event and unlinks it from evidence. */
export function deleteEvent(doc: Y.Doc, id: string, change: Change): void {
  events.remove(doc, id, change);
}

/** The timeline in chronological order (see `comparePreciseDates`), then by title. */
export function countEvents(doc: Y.Doc): number {
  return events.count(doc);
}

export function listEvents(doc: Y.Doc): CaseEvent[] {
  return events.list(doc);
}

export function getEvent(doc: Y.Doc, id: string): CaseEvent | null {
  return events.get(doc, id);
}

import { formatPreciseDate } from '@casefile/model';
import type { DossierCase, DossierEvent } from './caseJson.js';
import { escapeHtml } from './htmlText.js';

/** A date in TimelineJS's JSON (https://timeline.knightlab.com/docs/json-format.html): parts as strings. */
export interface TimelineJsDate {
  year: string;
  month?: string;
  day?: string;
  hour?: string;
  minute?: string;
  display_date?: string;
}

export interface TimelineJsSlide {
  unique_id?: string;
  start_date?: TimelineJsDate;
  text: { headline: string; text: string };
  group?: string;
}

export interface TimelineJs {
  title: TimelineJsSlide;
  events: TimelineJsSlide[];
}

/** A precise date as TimelineJS parts, to its precision only, with the date as people read it. */
function toTimelineDate(date: DossierEvent['date']): TimelineJsDate {
  const [year = '', month, day] = date.value.slice(0, 10).split('-');
  const parts: TimelineJsDate = { year: String(Number(year)) };
  if (month !== undefined) parts.month = String(Number(month));
  if (day !== undefined) parts.day = String(Number(day));
  if (date.precision === 'minute') {
    parts.hour = String(Number(date.value.slice(11, 13)));
    parts.minute = String(Number(date.value.slice(14, 16)));
  }
  parts.display_date = formatPreciseDate(date);
  return parts;
}

/**
 * The timeline as TimelineJS JSON. TimelineJS renders `text` fields as HTML, so every text from
 * the case is escaped; actors and evidence are named under each event.
 */
export function toTimelineJs(dossier: DossierCase): TimelineJs {
  const actorNames = new Map(dossier.actors.map((actor) => [actor.id, actor.name]));
  const evidenceTitles = new Map(dossier.evidence.map((item) => [item.id, item.title || `${item.kind} evidence`]));
  return {
    title: {
      text: { headline: escapeHtml(dossier.case.title), text: escapeHtml(dossier.case.summary) },
    },
    events: dossier.events.map((event) => {
      const lines = [event.description];
      const actors = event.actorIds.flatMap((id) => actorNames.get(id) ?? []);
      const evidence = event.evidenceIds.flatMap((id) => evidenceTitles.get(id) ?? []);
      if (actors.length > 0) lines.push(`Actors: ${actors.join(', ')}`);
      if (evidence.length > 0) lines.push(`Evidence: ${evidence.join('; ')}`);
      return {
        unique_id: event.id,
        start_date: toTimelineDate(event.date),
        text: {
          headline: escapeHtml(event.title),
          text: lines
            .filter((line) => line !== '')
            .map((line) => `<p>${escapeHtml(line)}</p>`)
            .join(''),
        },
      };
    }),
  };
}

import type { DatePrecision, PreciseDate } from '@casefile/model';

const FORMATS: Record<DatePrecision, Intl.DateTimeFormatOptions> = {
  year: { year: 'numeric' },
  month: { year: 'numeric', month: 'short' },
  day: { year: 'numeric', month: 'short', day: 'numeric' },
  minute: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function partsOf(date: PreciseDate): Parts | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})Z)?)?)?$/.exec(date.value);
  if (!match) return null;
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  return { year, month, day, hour, minute };
}

/** The moment a date's period starts (UTC milliseconds); NaN for a value that is not a date. */
export function periodStart(date: PreciseDate): number {
  const parts = partsOf(date);
  if (!parts) return Number.NaN;
  return utc(parts);
}

/** The moment a date's period ends: the start of the next year, month, day or minute. */
export function periodEnd(date: PreciseDate): number {
  const parts = partsOf(date);
  if (!parts) return Number.NaN;
  const next = { ...parts };
  if (date.precision === 'year') next.year += 1;
  if (date.precision === 'month') next.month += 1;
  if (date.precision === 'day') next.day += 1;
  if (date.precision === 'minute') next.minute += 1;
  return utc(next);
}

/** UTC milliseconds of the parts, rolling over (month 13 is January next year); years below 100 stay as they are. */
function utc(parts: Parts): number {
  const instant = new Date(0);
  instant.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  instant.setUTCHours(parts.hour, parts.minute, 0, 0);
  return instant.getTime();
}

/**
 * A date as short as the timeline needs and only as exact as it is known: "2022", "Oct 2022",
 * "25 Oct 2022", "25 Oct 2022, 14:30 UTC". A value that is not a date is shown as written.
 */
export function formatTimelineDate(date: PreciseDate, locale = 'en-GB'): string {
  const start = periodStart(date);
  if (Number.isNaN(start)) return date.value;
  const text = new Intl.DateTimeFormat(locale, { ...FORMATS[date.precision], timeZone: 'UTC' }).format(start);
  return date.precision === 'minute' ? `${text} UTC` : text;
}

/** The machine-readable form for <time dateTime>: the value itself, which is ISO 8601 to its precision. */
export function timelineDateTime(date: PreciseDate): string {
  return date.precision === 'minute' ? date.value.replace(/Z$/, ':00Z') : date.value;
}

import { z } from 'zod';
import { parse } from './validation.js';

export const DATE_PRECISIONS = ['year', 'month', 'day', 'minute'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/**
 * A date known only as exactly as the sources support: "October 2022" is `{ value: '2022-10',
 * precision: 'month' }`, not a made-up first of the month. Minutes are in UTC.
 */
export type PreciseDate = { value: string; precision: DatePrecision };

const FORMATS: Record<DatePrecision, { pattern: RegExp; shape: string; example: string }> = {
  year: { pattern: /^(\d{4})$/, shape: 'YYYY', example: '2022' },
  month: { pattern: /^(\d{4})-(\d{2})$/, shape: 'YYYY-MM', example: '2022-10' },
  day: { pattern: /^(\d{4})-(\d{2})-(\d{2})$/, shape: 'YYYY-MM-DD', example: '2022-10-25' },
  minute: {
    pattern: /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})Z$/,
    shape: 'YYYY-MM-DDTHH:MMZ',
    example: '2022-10-25T14:30Z',
  },
};

/** Why `value` is not a date of `precision`, or null when it is one (a real calendar date included). */
function problemWith(value: string, precision: DatePrecision): string | null {
  const format = FORMATS[precision];
  const match = format.pattern.exec(value);
  const expected = `A date known to the ${precision} is written ${format.shape} (e.g. ${format.example})`;
  if (!match) {
    const fits = DATE_PRECISIONS.find((other) => FORMATS[other].pattern.test(value));
    return fits
      ? `${expected}; "${value}" is written to the ${fits}: set the precision to "${fits}" or write the date as ${format.shape}.`
      : `${expected}; "${value}" is not. Minutes are in UTC.`;
  }
  const [year, month = 1, day = 1, hour = 0, minute = 0] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year ?? 0, month - 1, day, hour, minute));
  if (
    year === 0 ||
    month < 1 ||
    month > 12 ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59
  ) {
    return `"${value}" is not a date on the calendar; check the month, day and time.`;
  }
  return null;
}

export const preciseDateSchema: z.ZodType<PreciseDate> = z
  .object(
    {
      value: z.string({
        error: 'A date needs its value, written e.g. 2022, 2022-10, 2022-10-25 or 2022-10-25T14:30Z.',
      }),
      precision: z.enum(DATE_PRECISIONS, {
        error: (issue) =>
          issue.input === undefined
            ? 'A date needs a precision saying how exactly it is known: year, month, day or minute.'
            : `A date's precision is one of: ${DATE_PRECISIONS.join(', ')}; got ${JSON.stringify(issue.input)}.`,
      }),
    },
    { error: 'A date is written as { value, precision }, e.g. { value: "2022-10", precision: "month" }.' },
  )
  .superRefine((date, context) => {
    const problem = problemWith(date.value, date.precision);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .transform((date) => ({ value: date.value, precision: date.precision }));

/** Checks a date against its precision; throws a `ValidationError` saying how to write it. */
export function toPreciseDate(value: unknown): PreciseDate {
  return parse(preciseDateSchema, value);
}

export function isPreciseDate(value: unknown): value is PreciseDate {
  return preciseDateSchema.safeParse(value).success;
}

/**
 * Chronological order across precisions: a date sorts at the start of the period it names, and a
 * coarser date before a finer one that starts at the same moment (October 2022 before 25 October
 * 2022, 1 October 2022 before 1 October 2022 at 09:00). The value formats are prefixes of one
 * another, so comparing the text gives exactly that order.
 */
export function comparePreciseDates(a: PreciseDate, b: PreciseDate): number {
  if (a.value < b.value) return -1;
  if (a.value > b.value) return 1;
  return DATE_PRECISIONS.indexOf(a.precision) - DATE_PRECISIONS.indexOf(b.precision);
}

/** A date as a reader expects it, to its precision only: "2022", "October 2022", "25 October 2022". */
export function formatPreciseDate(date: PreciseDate, locale = 'en-GB'): string {
  const problem = problemWith(date.value, date.precision);
  if (problem) return date.value;
  const [year = '0', month = '1', day = '1'] = date.value.slice(0, 10).split('-');
  const time = date.precision === 'minute' ? date.value.slice(11, 16) : '00:00';
  const instant = new Date(`${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}T${time}:00Z`);
  const options: Record<DatePrecision, Intl.DateTimeFormatOptions> = {
    year: { year: 'numeric' },
    month: { year: 'numeric', month: 'long' },
    day: { year: 'numeric', month: 'long', day: 'numeric' },
    minute: { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  };
  const text = new Intl.DateTimeFormat(locale, { ...options[date.precision], timeZone: 'UTC' }).format(instant);
  return date.precision === 'minute' ? `${text} UTC` : text;
}

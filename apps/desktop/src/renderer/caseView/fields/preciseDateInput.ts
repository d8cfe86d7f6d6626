import type { DatePrecision, PreciseDate } from '@casefile/model';

/**
 * Between a PreciseDate and the browser's date inputs: a year is typed as a number, a month in a
 * month picker, a day in a date picker, a minute in a date-and-time picker read as UTC (the
 * model keeps minutes in UTC, and so does the label beside the field).
 */
export type DateInputType = 'number' | 'month' | 'date' | 'datetime-local';

export function dateInputType(precision: DatePrecision): DateInputType {
  return ({ year: 'number', month: 'month', day: 'date', minute: 'datetime-local' } as const)[precision];
}

/** What the input shows for a date ('' for none). */
export function toDateInputValue(date: PreciseDate | null): string {
  if (!date) return '';
  return date.precision === 'minute' ? date.value.replace(/Z$/, '') : date.value;
}

/**
 * The date typed into an input of `precision`'s type; null when the input is empty. What the
 * input holds is passed on as written (the model says what is wrong with it: "20" is not read as
 * the year 20), apart from what the pickers add: seconds from a date-and-time picker, and the UTC
 * mark the model writes.
 */
export function fromDateInputValue(raw: string, precision: DatePrecision): PreciseDate | null {
  const text = raw.trim();
  if (text === '') return null;
  if (precision === 'minute') {
    const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z?$/.exec(text);
    return { value: match ? `${match[1]}T${match[2]}Z` : text, precision };
  }
  return { value: text, precision };
}

/**
 * The same date to another precision: a coarser one drops what it no longer says (25 Oct 2022 to
 * the month is Oct 2022); a finer one starts at the beginning of the period (Oct 2022 to the day
 * is 1 Oct 2022), which the investigator then corrects in the picker.
 */
export function changePrecision(date: PreciseDate, precision: DatePrecision): PreciseDate {
  const year = date.value.slice(0, 4);
  const month = date.precision === 'year' ? '01' : date.value.slice(5, 7);
  const day = date.precision === 'year' || date.precision === 'month' ? '01' : date.value.slice(8, 10);
  const time = date.precision === 'minute' ? date.value.slice(11, 16) : '00:00';
  const value = {
    year,
    month: `${year}-${month}`,
    day: `${year}-${month}-${day}`,
    minute: `${year}-${month}-${day}T${time}Z`,
  }[precision];
  return { value, precision };
}

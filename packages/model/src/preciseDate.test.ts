import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { comparePreciseDates, formatPreciseDate, type PreciseDate, toPreciseDate } from './preciseDate.js';

describe('a precise date', () => {
  it('is accepted in the format of its precision', () => {
    expect(toPreciseDate({ value: '2022', precision: 'year' })).toEqual({ value: '2022', precision: 'year' });
    expect(toPreciseDate({ value: '2022-10', precision: 'month' }).value).toBe('2022-10');
    expect(toPreciseDate({ value: '2022-10-25', precision: 'day' }).value).toBe('2022-10-25');
    expect(toPreciseDate({ value: '2022-10-25T14:30Z', precision: 'minute' }).value).toBe('2022-10-25T14:30Z');
    expect(toPreciseDate({ value: '2024-02-29', precision: 'day' }).value).toBe('2024-02-29');
  });

  it('without a precision is refused, saying which precisions there are', () => {
    expect(() => toPreciseDate({ value: '2022-10' })).toThrow(
      /needs a precision saying how exactly it is known: year, month, day or minute/,
    );
    expect(() => toPreciseDate({ value: '2022-10', precision: 'week' })).toThrow(/one of: year, month, day, minute/);
    expect(() => toPreciseDate('2022-10')).toThrow(/written as \{ value, precision \}/);
  });

  it('that does not match its precision is refused, saying how to write it', () => {
    expect(() => toPreciseDate({ value: '2022-10-25', precision: 'month' })).toThrow(
      /written YYYY-MM .*"2022-10-25" is written to the day: set the precision to "day"/,
    );
    expect(() => toPreciseDate({ value: '2022', precision: 'day' })).toThrow(ValidationError);
    expect(() => toPreciseDate({ value: '25.10.2022', precision: 'day' })).toThrow(/YYYY-MM-DD \(e\.g\. 2022-10-25\)/);
    expect(() => toPreciseDate({ value: '2022-10-25T14:30', precision: 'minute' })).toThrow(/Minutes are in UTC/);
  });

  it('that is not on the calendar is refused', () => {
    expect(() => toPreciseDate({ value: '2023-02-29', precision: 'day' })).toThrow(/not a date on the calendar/);
    expect(() => toPreciseDate({ value: '2022-13', precision: 'month' })).toThrow(/not a date on the calendar/);
    expect(() => toPreciseDate({ value: '2022-10-25T24:00Z', precision: 'minute' })).toThrow(/calendar/);
  });
});

describe('ordering dates of different precisions', () => {
  it('puts each date at the start of its period, the coarser first on a tie', () => {
    const dates: PreciseDate[] = [
      { value: '2022-10-25T09:15Z', precision: 'minute' },
      { value: '2022-10-25', precision: 'day' },
      { value: '2023', precision: 'year' },
      { value: '2022-10', precision: 'month' },
      { value: '2022', precision: 'year' },
      { value: '1990-10-25', precision: 'day' },
      { value: '2022-07', precision: 'month' },
      { value: '2022-09-30T23:59Z', precision: 'minute' },
    ];
    expect([...dates].sort(comparePreciseDates).map((date) => date.value)).toEqual([
      '1990-10-25',
      '2022',
      '2022-07',
      '2022-09-30T23:59Z',
      '2022-10',
      '2022-10-25',
      '2022-10-25T09:15Z',
      '2023',
    ]);
  });
});

describe('formatting a date', () => {
  it('shows only what is known', () => {
    expect(formatPreciseDate({ value: '2022', precision: 'year' })).toBe('2022');
    expect(formatPreciseDate({ value: '2022-10', precision: 'month' })).toBe('October 2022');
    expect(formatPreciseDate({ value: '2022-10-25', precision: 'day' })).toBe('25 October 2022');
    expect(formatPreciseDate({ value: '2022-10-25T14:30Z', precision: 'minute' })).toMatch(
      /^25 October 2022\D+14:30 UTC$/,
    );
    expect(formatPreciseDate({ value: '2022-10', precision: 'month' }, 'ru')).toMatch(/октябрь 2022/i);
  });
});

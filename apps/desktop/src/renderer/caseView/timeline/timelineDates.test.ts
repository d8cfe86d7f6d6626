import { describe, expect, it } from 'vitest';
import { formatTimelineDate, periodEnd, periodStart, timelineDateTime } from './timelineDates';

describe('formatTimelineDate', () => {
  it('says a date only as exactly as it is known', () => {
    expect(formatTimelineDate({ value: '2022', precision: 'year' })).toBe('2022');
    expect(formatTimelineDate({ value: '2022-10', precision: 'month' })).toBe('Oct 2022');
    expect(formatTimelineDate({ value: '2022-10-25', precision: 'day' })).toBe('25 Oct 2022');
    expect(formatTimelineDate({ value: '2022-10-25T14:05Z', precision: 'minute' })).toBe('25 Oct 2022, 14:05 UTC');
  });

  it('keeps the calendar day in UTC whatever the reader’s time zone', () => {
    expect(formatTimelineDate({ value: '2022-12-31T23:59Z', precision: 'minute' })).toBe('31 Dec 2022, 23:59 UTC');
    expect(formatTimelineDate({ value: '2023-01-01', precision: 'day' })).toBe('1 Jan 2023');
  });

  it('follows the locale it is given', () => {
    expect(formatTimelineDate({ value: '2022-10-25', precision: 'day' }, 'en-US')).toBe('Oct 25, 2022');
    expect(formatTimelineDate({ value: '2022-10', precision: 'month' }, 'ru')).toMatch(/2022/);
  });

  it('shows a value that is not a date as written rather than hiding it', () => {
    expect(formatTimelineDate({ value: 'sometime', precision: 'day' })).toBe('sometime');
  });
});

describe('the period a date names', () => {
  it('runs from the start of its year, month, day or minute to the start of the next', () => {
    expect(new Date(periodStart({ value: '2022-10', precision: 'month' })).toISOString()).toBe(
      '2022-10-01T00:00:00.000Z',
    );
    expect(new Date(periodEnd({ value: '2022-10', precision: 'month' })).toISOString()).toBe(
      '2022-11-01T00:00:00.000Z',
    );
    expect(new Date(periodEnd({ value: '2022-12', precision: 'month' })).toISOString()).toBe(
      '2023-01-01T00:00:00.000Z',
    );
    expect(new Date(periodEnd({ value: '2022', precision: 'year' })).toISOString()).toBe('2023-01-01T00:00:00.000Z');
    expect(new Date(periodEnd({ value: '2022-02-28', precision: 'day' })).toISOString()).toBe(
      '2022-03-01T00:00:00.000Z',
    );
    expect(new Date(periodEnd({ value: '2022-10-25T23:59Z', precision: 'minute' })).toISOString()).toBe(
      '2022-10-26T00:00:00.000Z',
    );
  });

  it('keeps years before 100 as they are', () => {
    expect(new Date(periodStart({ value: '0044', precision: 'year' })).getUTCFullYear()).toBe(44);
  });

  it('is not a number for a value that is not a date', () => {
    expect(periodStart({ value: 'soon', precision: 'year' })).toBeNaN();
  });
});

describe('timelineDateTime', () => {
  it('is valid for <time dateTime> at every precision', () => {
    expect(timelineDateTime({ value: '2022-10', precision: 'month' })).toBe('2022-10');
    expect(timelineDateTime({ value: '2022-10-25T14:05Z', precision: 'minute' })).toBe('2022-10-25T14:05:00Z');
  });
});

import { describe, expect, it } from 'vitest';
import { changePrecision, dateInputType, fromDateInputValue, toDateInputValue } from './preciseDateInput';

describe('date inputs for each precision', () => {
  it('uses a number for a year and the browser’s pickers for the rest', () => {
    expect(dateInputType('year')).toBe('number');
    expect(dateInputType('month')).toBe('month');
    expect(dateInputType('day')).toBe('date');
    expect(dateInputType('minute')).toBe('datetime-local');
  });

  it('shows a stored date in its input, minutes without the UTC mark', () => {
    expect(toDateInputValue(null)).toBe('');
    expect(toDateInputValue({ value: '2022', precision: 'year' })).toBe('2022');
    expect(toDateInputValue({ value: '2022-10', precision: 'month' })).toBe('2022-10');
    expect(toDateInputValue({ value: '2022-10-25T14:30Z', precision: 'minute' })).toBe('2022-10-25T14:30');
  });

  it('reads what was typed back as a date of that precision', () => {
    expect(fromDateInputValue('', 'day')).toBeNull();
    expect(fromDateInputValue('  ', 'year')).toBeNull();
    expect(fromDateInputValue('2022', 'year')).toEqual({ value: '2022', precision: 'year' });
    expect(fromDateInputValue('2022-10-25', 'day')).toEqual({ value: '2022-10-25', precision: 'day' });
    expect(fromDateInputValue('2022-10-25T14:30', 'minute')).toEqual({
      value: '2022-10-25T14:30Z',
      precision: 'minute',
    });
    expect(fromDateInputValue('2022-10-25T14:30:59', 'minute')).toEqual({
      value: '2022-10-25T14:30Z',
      precision: 'minute',
    });
  });

  it('passes anything else on as written, for the model to explain', () => {
    expect(fromDateInputValue('Oct 2022', 'month')).toEqual({ value: 'Oct 2022', precision: 'month' });
    expect(fromDateInputValue('12345', 'year')).toEqual({ value: '12345', precision: 'year' });
    expect(fromDateInputValue('20', 'year')).toEqual({ value: '20', precision: 'year' });
  });
});

describe('changePrecision', () => {
  it('drops what a coarser precision no longer says', () => {
    expect(changePrecision({ value: '2022-10-25T14:30Z', precision: 'minute' }, 'day')).toEqual({
      value: '2022-10-25',
      precision: 'day',
    });
    expect(changePrecision({ value: '2022-10-25', precision: 'day' }, 'month')).toEqual({
      value: '2022-10',
      precision: 'month',
    });
    expect(changePrecision({ value: '2022-10', precision: 'month' }, 'year')).toEqual({
      value: '2022',
      precision: 'year',
    });
  });

  it('starts a finer precision at the beginning of the period', () => {
    expect(changePrecision({ value: '2022', precision: 'year' }, 'month')).toEqual({
      value: '2022-01',
      precision: 'month',
    });
    expect(changePrecision({ value: '2022-10', precision: 'month' }, 'day')).toEqual({
      value: '2022-10-01',
      precision: 'day',
    });
    expect(changePrecision({ value: '2022-10-25', precision: 'day' }, 'minute')).toEqual({
      value: '2022-10-25T00:00Z',
      precision: 'minute',
    });
  });
});

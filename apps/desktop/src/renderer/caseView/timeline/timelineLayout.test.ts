import { describe, expect, it } from 'vitest';
import { layoutTimeline, type TimelineItem, timelineTicks } from './timelineLayout';

const narrowLabels = { labelWidth: () => 0.05 };

describe('layoutTimeline', () => {
  it('places events left to right by date, inside the axis, numbered as in the list', () => {
    const items: TimelineItem[] = [
      { id: 'a', date: { value: '2022-10-20', precision: 'day' }, label: 'Telegram posts' },
      { id: 'b', date: { value: '2022-10-25', precision: 'day' }, label: 'Moscow outlets' },
      { id: 'c', date: { value: '2022-10-27T09:30Z', precision: 'minute' }, label: 'Ministry denies' },
    ];
    const layout = layoutTimeline(items, narrowLabels);
    expect(layout.items.map((item) => item.number)).toEqual([1, 2, 3]);
    const [a, b, c] = layout.items;
    expect(a?.start).toBeGreaterThan(0);
    expect(c?.end).toBeLessThan(1);
    expect(a?.start).toBeLessThan(b?.start ?? 0);
    expect(b?.start).toBeLessThan(c?.start ?? 0);
    expect(layout.items.every((item) => !item.span)).toBe(true);
  });

  it('draws a date known only to the month as a bar over that month', () => {
    const layout = layoutTimeline(
      [
        { id: 'm', date: { value: '2022-10', precision: 'month' }, label: 'October' },
        { id: 'd', date: { value: '2022-11-15', precision: 'day' }, label: 'Mid November' },
      ],
      narrowLabels,
    );
    const [month, day] = layout.items;
    expect(month?.span).toBe(true);
    expect((month?.end ?? 0) - (month?.start ?? 0)).toBeGreaterThan(0.3);
    expect(day?.span).toBe(false);
    expect(day?.start).toBeGreaterThan(month?.end ?? 1);
  });

  it('moves a label that would overlap the one before to the next lane, up to the limit', () => {
    const sameDay = (id: string): TimelineItem => ({ id, date: { value: '2022-10-25', precision: 'day' }, label: id });
    const layout = layoutTimeline([sameDay('a'), sameDay('b'), sameDay('c')], { labelWidth: () => 0.3, maxLanes: 2 });
    expect(layout.items.map((item) => item.lane)).toEqual([0, 1, 1]);
    expect(layout.lanes).toBe(2);
    const apart = layoutTimeline(
      [
        { id: 'a', date: { value: '2020', precision: 'year' }, label: 'a' },
        { id: 'b', date: { value: '2024', precision: 'year' }, label: 'b' },
      ],
      narrowLabels,
    );
    expect(apart.items.map((item) => item.lane)).toEqual([0, 0]);
  });

  it('pulls a label near the right end back inside the axis, its marker staying at the date', () => {
    const layout = layoutTimeline(
      [
        { id: 'a', date: { value: '2022-01-01', precision: 'day' }, label: 'a' },
        { id: 'b', date: { value: '2022-12-31', precision: 'day' }, label: 'b' },
      ],
      { labelWidth: () => 0.25 },
    );
    const last = layout.items[1];
    expect(last?.start).toBeGreaterThan(0.9);
    expect(last?.labelAt).toBeCloseTo(0.75);
    expect(layout.items[0]?.labelAt).toBe(layout.items[0]?.start);
  });

  it('keeps a single event off the edges and leaves out values that are not dates', () => {
    const layout = layoutTimeline(
      [
        { id: 'x', date: { value: '2022-10-25', precision: 'day' }, label: 'x' },
        { id: 'bad', date: { value: 'soon', precision: 'day' }, label: 'bad' },
      ],
      narrowLabels,
    );
    expect(layout.items).toHaveLength(1);
    expect(layout.items[0]?.start).toBeGreaterThan(0);
    expect(layout.items[0]?.end).toBeLessThan(1);
    expect(layoutTimeline([], narrowLabels).items).toEqual([]);
  });
});

describe('long empty stretches', () => {
  const story: TimelineItem[] = [
    { id: 'old', date: { value: '1990-10-25', precision: 'day' }, label: 'Sovereignty' },
    { id: 'a', date: { value: '2022-07', precision: 'month' }, label: 'Biolabs story' },
    { id: 'b', date: { value: '2022-10', precision: 'month' }, label: 'Telegram posts' },
    { id: 'c', date: { value: '2022-10-25', precision: 'day' }, label: 'Republic Day' },
  ];

  it('break the axis, so that a story of a few months is not squeezed into a corner', () => {
    const layout = layoutTimeline(story, narrowLabels);
    expect(layout.breaks).toHaveLength(1);
    const [old, a, , c] = layout.items;
    const gap = layout.breaks[0] ?? 0;
    expect(old?.start).toBeLessThan(gap);
    expect(a?.start).toBeGreaterThan(gap);
    // The 2022 events use most of the axis.
    expect((c?.start ?? 0) - (a?.start ?? 0)).toBeGreaterThan(0.5);
    // The lone 1990 event sits under its tick.
    const [yearTick] = layout.ticks;
    expect(yearTick?.label).toBe('1990');
    expect(Math.abs((yearTick?.at ?? 0) - (old?.start ?? 1))).toBeLessThan(0.01);
  });

  it('label each stretch with its own ticks', () => {
    const labels = layoutTimeline(story, narrowLabels).ticks.map((tick) => tick.label);
    expect(labels[0]).toBe('1990');
    expect(labels).toContain('Jul 2022');
    expect(labels).toContain('Oct');
  });

  it('leave a steady series of events unbroken', () => {
    const yearly = ['2018', '2019', '2020', '2021', '2022'].map((value) => ({
      id: value,
      date: { value, precision: 'year' as const },
      label: value,
    }));
    expect(layoutTimeline(yearly, narrowLabels).breaks).toEqual([]);
  });
});

describe('timelineTicks', () => {
  const at = (iso: string) => Date.parse(iso);

  it('marks months across a few months, naming the year at the first and at January', () => {
    const ticks = timelineTicks(at('2022-10-15T00:00Z'), at('2023-02-10T00:00Z'));
    expect(ticks.map((tick) => tick.label)).toEqual(['Nov 2022', 'Dec', 'Jan 2023', 'Feb']);
    for (const tick of ticks) {
      expect(tick.at).toBeGreaterThanOrEqual(0);
      expect(tick.at).toBeLessThanOrEqual(1);
    }
  });

  it('marks years across many years and thins them to the limit', () => {
    const ticks = timelineTicks(at('1990-06-01T00:00Z'), at('2024-01-01T00:00Z'), 8);
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(ticks[0]?.label).toBe('1991');
  });

  it('marks days across a week and hours within a day', () => {
    expect(timelineTicks(at('2022-10-24T12:00Z'), at('2022-10-28T00:00Z')).map((tick) => tick.label)).toEqual([
      '25 Oct',
      '26',
      '27',
      '28',
    ]);
    expect(timelineTicks(at('2022-10-25T09:30Z'), at('2022-10-25T12:10Z'))[0]?.label).toBe('25 Oct 10:00');
  });
});

import type { PreciseDate } from '@casefile/model';
import { periodEnd, periodStart } from './timelineDates';

/**
 * Where the visual timeline draws each event: positions are fractions of the axis (0 to 1) so
 * the drawing stretches with the window. A date known to the minute or day is a point; a month
 * or a year is a bar over that period, because that is all that is known. Labels that would
 * overlap go to the next lane down.
 */
export interface TimelineItem {
  id: string;
  date: PreciseDate;
  label: string;
}

export interface PlacedItem {
  id: string;
  /** 1-based position in the chronological list, shown on the marker and in the list. */
  number: number;
  label: string;
  start: number;
  end: number;
  /** Where the label starts: at the marker, or pulled left so that it ends inside the axis. */
  labelAt: number;
  /** Drawn as a bar over its period, not as a point. */
  span: boolean;
  lane: number;
}

export type TickUnit = 'year' | 'month' | 'day' | 'hour';

export interface Tick {
  at: number;
  label: string;
}

export interface TimelineLayout {
  items: PlacedItem[];
  ticks: Tick[];
  /** Where the axis is broken over a long empty stretch (the middle of each break). */
  breaks: number[];
  lanes: number;
}

const DAY = 24 * 60 * 60 * 1000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface LayoutOptions {
  /** Width of a label as a fraction of the axis (the component measures the axis in pixels). */
  labelWidth: (item: TimelineItem) => number;
  /** At most this many lanes; later labels share the last one. */
  maxLanes?: number;
  /** At most this many ticks. */
  maxTicks?: number;
}

function tickUnit(range: number): TickUnit {
  if (range > 3 * 365 * DAY) return 'year';
  if (range > 62 * DAY) return 'month';
  if (range > 2 * DAY) return 'day';
  return 'hour';
}

function floorTo(unit: TickUnit, time: number): Date {
  const date = new Date(time);
  const floored = new Date(0);
  floored.setUTCFullYear(
    date.getUTCFullYear(),
    unit === 'year' ? 0 : date.getUTCMonth(),
    unit === 'year' || unit === 'month' ? 1 : date.getUTCDate(),
  );
  floored.setUTCHours(unit === 'hour' ? date.getUTCHours() : 0, 0, 0, 0);
  return floored;
}

function step(unit: TickUnit, date: Date, count: number): Date {
  const next = new Date(date.getTime());
  if (unit === 'year') next.setUTCFullYear(next.getUTCFullYear() + count);
  if (unit === 'month') next.setUTCMonth(next.getUTCMonth() + count);
  if (unit === 'day') next.setUTCDate(next.getUTCDate() + count);
  if (unit === 'hour') next.setUTCHours(next.getUTCHours() + count);
  return next;
}

function tickLabel(unit: TickUnit, date: Date, first: boolean): string {
  const year = String(date.getUTCFullYear());
  const month = MONTHS[date.getUTCMonth()] ?? '';
  if (unit === 'year') return year;
  if (unit === 'month') return first || date.getUTCMonth() === 0 ? `${month} ${year}` : month;
  if (unit === 'day')
    return first || date.getUTCDate() === 1 ? `${date.getUTCDate()} ${month}` : String(date.getUTCDate());
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:00`;
  return first || date.getUTCHours() === 0 ? `${date.getUTCDate()} ${month} ${time}` : time;
}

/** Ticks at round years, months, days or hours inside [from, to], thinned to at most `maxTicks`. */
export function timelineTicks(from: number, to: number, maxTicks = 8): Tick[] {
  const unit = tickUnit(to - from);
  let start = floorTo(unit, from);
  if (start.getTime() < from) start = step(unit, start, 1);
  const all: Date[] = [];
  for (let date = start; date.getTime() <= to && all.length < 10_000; date = step(unit, date, 1)) all.push(date);
  const every = Math.max(1, Math.ceil(all.length / maxTicks));
  return all
    .filter((_, index) => index % every === 0)
    .map((date, index) => ({ at: (date.getTime() - from) / (to - from), label: tickLabel(unit, date, index === 0) }));
}

interface Segment {
  /** Events in it. */
  count: number;
  /** When its first event starts. */
  start: number;
  /** Time the segment covers, margins included. */
  from: number;
  to: number;
  /** Where it sits on the axis (fractions). */
  left: number;
  right: number;
}

/** Width of the axis given to each break between far-apart groups of events. */
const BREAK_WIDTH = 0.04;
/** A group spanning less than this share of the grouped time still gets this much room. */
const MIN_GROUP_SHARE = 0.18;

/**
 * Groups of events separated by long empty stretches (a 1990 event before a 2022 story): each
 * group gets its own stretch of axis, and the empty time between is drawn as a break rather than
 * pushing the story into a corner.
 */
function segmentsFor(periods: ReadonlyArray<{ start: number; end: number }>): Segment[] {
  const first = Math.min(...periods.map((period) => period.start));
  const last = Math.max(...periods.map((period) => period.end));
  const total = Math.max(last - first, DAY);
  let groups: Array<{ start: number; end: number; count: number }> = [];
  for (const period of [...periods].sort((a, b) => a.start - b.start)) {
    const group = groups[groups.length - 1];
    if (group && period.start - group.end <= total * 0.35) {
      group.end = Math.max(group.end, period.end);
      group.count += 1;
    } else {
      groups.push({ ...period, count: 1 });
    }
  }
  // Break only to give room to several events crowded into a sliver of the axis; two lone events
  // a year apart are drawn on one continuous axis.
  const crowded = groups.some((group) => group.count > 1 && (group.end - group.start) / total < 0.15);
  if (!crowded) groups = [{ start: first, end: last, count: periods.length }];
  const spans = groups.map((group) => Math.max(group.end - group.start, DAY));
  const grouped = spans.reduce((sum, span) => sum + span, 0);
  const weights = spans.map((span) => Math.max(span, grouped * MIN_GROUP_SHARE));
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const room = 1 - BREAK_WIDTH * (groups.length - 1);
  let left = 0;
  return groups.map((group, index) => {
    const width = ((weights[index] ?? 0) / weightSum) * room;
    // A margin either side inside the segment, so that no event sits on an edge or a break; a lone
    // event sits in the middle of its stretch.
    const span = spans[index] ?? DAY;
    const margin = group.count === 1 ? span : span * 0.08;
    const segment = {
      count: group.count,
      start: group.start,
      from: group.start - margin,
      to: group.start + span + margin,
      left,
      right: left + width,
    };
    left += width + BREAK_WIDTH;
    return segment;
  });
}

function positionIn(segments: readonly Segment[], time: number): number {
  const segment = segments.find((candidate) => time <= candidate.to) ?? (segments[segments.length - 1] as Segment);
  const within = (time - segment.from) / (segment.to - segment.from);
  return segment.left + Math.min(Math.max(within, 0), 1) * (segment.right - segment.left);
}

/** Places `items` (in chronological order) on an axis that covers them all with a margin. */
export function layoutTimeline(items: readonly TimelineItem[], options: LayoutOptions): TimelineLayout {
  const maxLanes = options.maxLanes ?? 4;
  const maxTicks = options.maxTicks ?? 8;
  const dated = items.filter((item) => !Number.isNaN(periodStart(item.date)));
  if (dated.length === 0) return { items: [], ticks: [], breaks: [], lanes: 0 };
  const periods = dated.map((item) => ({ start: periodStart(item.date), end: periodEnd(item.date) }));
  const segments = segmentsFor(periods);

  const laneEnds: number[] = [];
  const placed = dated.map((item, index): PlacedItem => {
    const period = periods[index] as { start: number; end: number };
    const start = positionIn(segments, period.start);
    const end = positionIn(segments, period.end);
    const span = item.date.precision === 'year' || item.date.precision === 'month';
    const width = Math.min(options.labelWidth(item), 1);
    const labelAt = Math.max(0, Math.min(start, 1 - width));
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= labelAt);
    if (lane === -1) lane = laneEnds.length < maxLanes ? laneEnds.length : maxLanes - 1;
    laneEnds[lane] = Math.max(labelAt + width, span ? end : start) + 0.01;
    return { id: item.id, number: index + 1, label: item.label, start, end, labelAt, span, lane };
  });

  const ticks = segments.flatMap((segment) => {
    const share = segment.right - segment.left;
    // A lone event beyond a break is marked with its year; finer ticks around one day say nothing.
    if (segment.count === 1 && segments.length > 1) {
      return [{ at: positionIn(segments, segment.start), label: String(new Date(segment.start).getUTCFullYear()) }];
    }
    return timelineTicks(segment.from, segment.to, Math.max(2, Math.round(maxTicks * share))).map((tick) => ({
      at: segment.left + tick.at * share,
      label: tick.label,
    }));
  });
  const breaks = segments.slice(1).map((segment) => segment.left - BREAK_WIDTH / 2);
  return { items: placed, ticks, breaks, lanes: laneEnds.length };
}

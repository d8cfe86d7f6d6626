import type { CaseEvent } from '@casefile/model';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatTimelineDate } from './timelineDates';
import { layoutTimeline, type TimelineItem } from './timelineLayout';

const LABEL_CHARACTERS = 30;
const CHARACTER_PX = 7;
const LANE_PX = 30;

function shortLabel(number: number, title: string): string {
  const flat = title.replace(/\s+/g, ' ').trim() || 'Untitled event';
  const text = flat.length <= LABEL_CHARACTERS ? flat : `${flat.slice(0, LABEL_CHARACTERS - 1).trimEnd()}…`;
  return `${number}. ${text}`;
}

/**
 * The timeline drawn to scale: events placed by date on an axis, a point for a day or minute, a bar
 * for a month or year (all that is known). It is one image to assistive technology, with a
 * sentence for its text; the list beside it tells the same story in order, event by event.
 */
export function TimelineChart({ events }: { events: readonly CaseEvent[] }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(200, entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const layout = useMemo(() => {
    const items: TimelineItem[] = events.map((event, index) => ({
      id: event.id,
      date: event.date,
      label: shortLabel(index + 1, event.title),
    }));
    return layoutTimeline(items, {
      labelWidth: (item) => (item.label.length * CHARACTER_PX + 16) / width,
      maxLanes: 5,
    });
  }, [events, width]);

  const first = events[0];
  const last = events[events.length - 1];
  const description =
    first && last
      ? `Timeline of ${events.length} ${events.length === 1 ? 'event' : 'events'}, ${
          events.length === 1
            ? formatTimelineDate(first.date)
            : `from ${formatTimelineDate(first.date)} to ${formatTimelineDate(last.date)}`
        }. The list below gives each event in order.`
      : 'An empty timeline.';

  const percent = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;
  const lanesHeight = Math.max(1, layout.lanes) * LANE_PX;

  return (
    <div ref={box} className="timeline-chart" role="img" aria-label={description}>
      <div className="timeline-chart__lanes" style={{ height: `${lanesHeight}px` }}>
        {layout.items.map((item) => {
          const top = (layout.lanes - 1 - item.lane) * LANE_PX;
          return (
            <div key={item.id}>
              <span
                className="timeline-chart__stem"
                style={{ left: percent(item.start), top: `${top + LANE_PX - 8}px`, bottom: 0 }}
              />
              <span className="timeline-chart__label" style={{ left: percent(item.labelAt), top: `${top}px` }}>
                {item.label}
              </span>
            </div>
          );
        })}
      </div>
      <div className="timeline-chart__axis">
        {layout.breaks.map((at) => (
          <span key={at} className="timeline-chart__break" style={{ left: percent(at) }} />
        ))}
        {layout.items.map((item) =>
          item.span ? (
            <span
              key={item.id}
              className="timeline-chart__bar"
              style={{ left: percent(item.start), width: percent(Math.max(item.end - item.start, 0.004)) }}
            />
          ) : (
            <span key={item.id} className="timeline-chart__dot" style={{ left: percent(item.start) }} />
          ),
        )}
      </div>
      <div className="timeline-chart__ticks">
        {layout.ticks.map((tick) => (
          <span key={`${tick.at}-${tick.label}`} className="timeline-chart__tick" style={{ left: percent(tick.at) }}>
            {tick.label}
          </span>
        ))}
      </div>
    </div>
  );
}

import type { Evidence } from '@casefile/model';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useLayoutEffect, useRef, useState } from 'react';
import { formatUtcTime } from './captureTime';
import { thumbnailFileOf, useThumbnail } from './EvidenceFilesContext';
import { displayEvidenceTitle, type EvidenceItemActions, GradingBadge } from './EvidenceRow';
import { EVIDENCE_KIND_LABELS } from './evidenceKinds';
import { Sha256Text } from './Sha256Text';
import { Thumbnail } from './Thumbnail';

// Wide enough for a SHA-256 on two lines of small monospace.
const CARD_MIN_WIDTH = 236;
const CARD_HEIGHT = 292;
const GAP = 12;

interface Props extends EvidenceItemActions {
  items: readonly Evidence[];
}

/** How many cards fit across `width` pixels. */
export function galleryColumns(width: number): number {
  return Math.max(1, Math.floor((width + GAP) / (CARD_MIN_WIDTH + GAP)));
}

/**
 * The gallery: cards in rows of as many as fit, the rows virtualised like the list's lines, so
 * that only the cards on screen exist and read their thumbnails.
 */
export function EvidenceGalleryView({ items, onOpen, onRestore }: Props) {
  const scroller = useRef<HTMLElement>(null);
  const [columns, setColumns] = useState(3);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setColumns(galleryColumns(element.clientWidth - 2 * GAP));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const rows = Math.ceil(items.length / columns);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => CARD_HEIGHT + GAP,
    overscan: 2,
  });

  const cards: Array<{ item: Evidence; index: number; top: number; column: number }> = [];
  for (const row of virtualizer.getVirtualItems()) {
    for (let column = 0; column < columns; column++) {
      const index = row.index * columns + column;
      const item = items[index];
      if (item) cards.push({ item, index, top: row.start, column });
    }
  }

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it
    <section ref={scroller} className="evidence-scroller" tabIndex={0} aria-label="Evidence gallery">
      <ul className="evidence-gallery" style={{ height: virtualizer.getTotalSize() }}>
        {cards.map(({ item, index, top, column }) => (
          <EvidenceCard
            key={item.id}
            item={item}
            top={top}
            column={column}
            columns={columns}
            position={index + 1}
            count={items.length}
            onOpen={onOpen}
            onRestore={onRestore}
          />
        ))}
      </ul>
    </section>
  );
}

interface CardProps extends EvidenceItemActions {
  item: Evidence;
  top: number;
  column: number;
  columns: number;
  position: number;
  count: number;
}

const EvidenceCard = memo(function EvidenceCard({
  item,
  top,
  column,
  columns,
  position,
  count,
  onOpen,
  onRestore,
}: CardProps) {
  const thumbnail = useThumbnail(thumbnailFileOf(item));
  const file = item.files[0];
  const integrity = thumbnail.status === 'problem' && thumbnail.problem.kind === 'integrity' ? thumbnail.problem : null;
  return (
    <li
      aria-posinset={position}
      aria-setsize={count}
      className={`evidence-card${item.deleted ? ' evidence-card--deleted' : ''}`}
      style={{
        top,
        height: CARD_HEIGHT,
        width: `calc((100% - ${(columns - 1) * GAP}px) / ${columns})`,
        left: `calc((100% + ${GAP}px) * ${column} / ${columns})`,
      }}
    >
      {item.kind === 'quote' && thumbnail.status === 'none' ? (
        <blockquote className="evidence-card__quote">{item.quote}</blockquote>
      ) : (
        <Thumbnail item={item} state={thumbnail} className="evidence-card__thumb" />
      )}
      <p className="evidence-card__head">
        <span className={`kind-badge kind-badge--${item.kind}`}>{EVIDENCE_KIND_LABELS[item.kind]}</span>
        <GradingBadge item={item} />
      </p>
      <button type="button" className="evidence-card__title" onClick={() => onOpen(item.id)}>
        {displayEvidenceTitle(item)}
      </button>
      <p className="evidence-card__meta">
        <time dateTime={item.capturedAt}>{formatUtcTime(item.capturedAt)}</time> · {item.capturedBy.name}
      </p>
      {integrity ? (
        <p className="evidence-card__alert integrity-warning" role="alert">
          {integrity.text}
        </p>
      ) : item.deleted ? (
        <p className="evidence-card__alert">
          Deleted by {item.deleted.by.name}: “{item.deleted.reason}”{' '}
          <button type="button" className="button button--small" onClick={() => onRestore(item.id)}>
            Restore
          </button>
        </p>
      ) : file ? (
        <Sha256Text sha256={file.sha256} className="evidence-card__hash" />
      ) : (
        <p className="evidence-card__url">{item.sourceUrl}</p>
      )}
    </li>
  );
});

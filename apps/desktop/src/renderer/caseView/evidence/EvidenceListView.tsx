import type { Evidence } from '@casefile/model';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { type EvidenceItemActions, EvidenceRow } from './EvidenceRow';

/** Every row is this tall (CSS keeps it so): the virtualiser needs no measuring, scrolling no layout. */
export const EVIDENCE_ROW_HEIGHT = 124;

interface Props extends EvidenceItemActions {
  items: readonly Evidence[];
}

/** The list view: only the rows on screen (and a few around them) exist in the page. */
export function EvidenceListView({ items, onOpen, onRestore }: Props) {
  const scroller = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => EVIDENCE_ROW_HEIGHT,
    getItemKey: (index) => items[index]?.id ?? index,
    overscan: 6,
  });

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it
    <section ref={scroller} className="evidence-scroller" tabIndex={0} aria-label="Evidence list">
      <ul className="evidence-list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index];
          if (!item) return null;
          return (
            <EvidenceRow
              key={item.id}
              item={item}
              start={row.start}
              height={row.size}
              position={row.index + 1}
              count={items.length}
              onOpen={onOpen}
              onRestore={onRestore}
            />
          );
        })}
      </ul>
    </section>
  );
}

import type { Evidence } from '@casefile/model';
import { memo } from 'react';
import { formatUtcTime } from './captureTime';
import { thumbnailFileOf, useThumbnail } from './EvidenceFilesContext';
import { EVIDENCE_KIND_LABELS } from './evidenceKinds';
import { formatByteCount, formatFileSize } from './fileSize';
import { gradingCode, gradingDescription } from './grading';
import { Sha256Text } from './Sha256Text';
import { Thumbnail } from './Thumbnail';
import { WebLink } from './WebLink';

export interface EvidenceItemActions {
  onOpen: (id: string) => void;
  onRestore: (id: string) => void;
}

/** The title an item is listed under; a quote without one shows its first words. */
export function displayEvidenceTitle(item: Evidence): string {
  if (item.title.trim() !== '') return item.title;
  if (item.quote.trim() !== '') {
    const flat = item.quote.replace(/\s+/g, ' ').trim();
    return flat.length > 80 ? `“${flat.slice(0, 79)}…”` : `“${flat}”`;
  }
  return item.files[0]?.name || item.sourceUrl || `Untitled ${EVIDENCE_KIND_LABELS[item.kind].toLowerCase()}`;
}

/** "Captured 2024-05-01 12:34:56 UTC by Aigerim with Casefile 0.1.0 (paste)". */
export function CaptureLine({ item }: { item: Evidence }) {
  return (
    <>
      Captured <time dateTime={item.capturedAt}>{formatUtcTime(item.capturedAt)}</time> by{' '}
      {item.capturedBy.name || 'someone unknown'} with {item.captureTool || 'an unknown tool'}
    </>
  );
}

function SizeAndType({ item }: { item: Evidence }) {
  const file = item.files[0];
  if (!file) return null;
  const total = item.files.reduce((sum, each) => sum + each.size, 0);
  return (
    <>
      {' · '}
      <span title={formatByteCount(total)}>{formatFileSize(total)}</span>
      {' · '}
      <span className="evidence-meta__mime">{item.files.map((each) => each.mime).join(', ')}</span>
    </>
  );
}

export function GradingBadge({ item }: { item: Evidence }) {
  const code = gradingCode(item.reliability, item.credibility);
  if (code === '') return null;
  return (
    <span className="grading-badge" title={gradingDescription(item.reliability, item.credibility)}>
      <span className="visually-hidden">{gradingDescription(item.reliability, item.credibility)}</span>
      <span aria-hidden="true">{code}</span>
    </span>
  );
}

interface RowProps extends EvidenceItemActions {
  item: Evidence;
  start: number;
  height: number;
  position: number;
  count: number;
}

/** One line of the virtualised list: fixed height, nothing read but the thumbnail of an image on screen. */
export const EvidenceRow = memo(function EvidenceRow({
  item,
  start,
  height,
  position,
  count,
  onOpen,
  onRestore,
}: RowProps) {
  const thumbnail = useThumbnail(thumbnailFileOf(item));
  const title = displayEvidenceTitle(item);
  const file = item.files[0];
  const problem = thumbnail.status === 'problem' && thumbnail.problem.kind === 'integrity' ? thumbnail.problem : null;

  return (
    <li
      className={`evidence-row${item.deleted ? ' evidence-row--deleted' : ''}`}
      style={{ transform: `translateY(${start}px)`, height }}
      aria-posinset={position}
      aria-setsize={count}
    >
      <Thumbnail item={item} state={thumbnail} className="evidence-row__thumb" />
      <div className="evidence-row__body">
        <p className="evidence-row__head">
          <span className={`kind-badge kind-badge--${item.kind}`}>{EVIDENCE_KIND_LABELS[item.kind]}</span>
          <button type="button" className="evidence-row__title" onClick={() => onOpen(item.id)}>
            {title}
          </button>
          <GradingBadge item={item} />
        </p>
        <p className="evidence-row__meta">
          <CaptureLine item={item} />
          <SizeAndType item={item} />
        </p>
        <p className="evidence-row__hash">
          {file ? <Sha256Text sha256={file.sha256} /> : <WebLink url={item.sourceUrl} className="evidence-row__url" />}
        </p>
        <RowFooter item={item} problem={problem?.text ?? null} onRestore={onRestore} />
      </div>
    </li>
  );
});

function RowFooter({
  item,
  problem,
  onRestore,
}: {
  item: Evidence;
  problem: string | null;
  onRestore: (id: string) => void;
}) {
  if (problem) {
    return (
      <p className="evidence-row__footer integrity-warning" role="alert">
        {problem}
      </p>
    );
  }
  if (item.deleted) {
    return (
      <p className="evidence-row__footer evidence-row__tombstone">
        <span className="evidence-row__tombstone-text">
          Deleted by {item.deleted.by.name} at <time dateTime={item.deleted.at}>{formatUtcTime(item.deleted.at)}</time>:
          “{item.deleted.reason}”
        </span>
        <button type="button" className="button button--small" onClick={() => onRestore(item.id)}>
          Restore
        </button>
      </p>
    );
  }
  const note = item.description.trim() || (item.tags.length > 0 ? item.tags.map((tag) => `#${tag}`).join(' ') : '');
  return <p className="evidence-row__footer evidence-row__description">{note}</p>;
}

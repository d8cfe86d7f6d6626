import type { Evidence } from '@casefile/model';
import type { ThumbnailState } from './EvidenceFilesContext';
import { EVIDENCE_KIND_LABELS } from './evidenceKinds';

/** Short text rather than emoji: the app runs on systems without an emoji font. */
function glyphOf(item: Evidence): string {
  if (item.kind === 'link') return 'LINK';
  if (item.kind === 'quote') return '“ ”';
  if (item.kind === 'webCapture') return 'WEB';
  const name = item.files[0]?.name ?? '';
  const extension = /\.([a-z0-9]{1,5})$/i.exec(name)?.[1];
  return extension ? extension.toUpperCase() : item.kind === 'screenshot' ? 'IMG' : 'FILE';
}

/**
 * An item's picture: the verified image scaled by CSS, or a glyph of its kind (also while the
 * image is read, when it is not on this device, or when it failed verification: tampered bytes
 * are never drawn).
 */
export function Thumbnail({ item, state, className }: { item: Evidence; state: ThumbnailState; className: string }) {
  if (state.status === 'ready') {
    return (
      <div className={className}>
        <img src={state.url} alt="" className="thumbnail__image" decoding="async" draggable={false} />
      </div>
    );
  }
  const tampered = state.status === 'problem' && state.problem.kind === 'integrity';
  const note =
    state.status === 'problem'
      ? state.problem.text
      : state.status === 'loading'
        ? 'Verifying the image…'
        : EVIDENCE_KIND_LABELS[item.kind];
  return (
    <div
      className={`${className} thumbnail--glyph${tampered ? ' thumbnail--tampered' : ''}`}
      title={note}
      aria-hidden="true"
    >
      <span className="thumbnail__glyph">{tampered ? '!' : glyphOf(item)}</span>
    </div>
  );
}

import { EVIDENCE_KINDS, type Evidence, restoreEvidence } from '@casefile/model';
import {
  type ClipboardEvent as ReactClipboardEvent,
  useCallback,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type * as Y from 'yjs';
import { describeError } from '../../app/describeError';
import { useInvestigator } from '../../settings/useInvestigator';
import { AddEvidenceDialog } from './AddEvidenceDialog';
import { EvidenceDetailsDialog } from './EvidenceDetailsDialog';
import { EvidenceFilesProvider } from './EvidenceFilesContext';
import { EvidenceGalleryView } from './EvidenceGalleryView';
import { EvidenceListView } from './EvidenceListView';
import {
  countDeleted,
  DEFAULT_EVIDENCE_QUERY,
  EVIDENCE_ORDER_LABELS,
  EVIDENCE_ORDERS,
  type EvidenceQuery,
  filterEvidence,
  isEvidenceKindFilter,
  isEvidenceOrder,
} from './evidenceFilter';
import { EvidenceIndex } from './evidenceIndex';
import { EVIDENCE_KIND_PLURALS } from './evidenceKinds';
import { type EvidenceView, readEvidenceView, writeEvidenceView } from './evidenceView';
import { formatFileSize } from './fileSize';
import { MakeAvailableOfflineButton, OfflineCopyStatus, useOfflineCopy } from './OfflineCopy';
import { carriesFiles, filesFromTransfer } from './transferItems';
import { type EvidenceCapturing, useEvidenceCapture } from './useEvidenceCapture';
import { WaitingUploads } from './WaitingUploads';

function localStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const countFormat = new Intl.NumberFormat('en');

/**
 * The Evidence tab: what the case holds (list or gallery, virtualised, filtered by kind and
 * words), and every way to add to it — the Add evidence dialog, the Add file picker, files or
 * images dropped on the section and screenshots pasted anywhere while it is shown.
 */
export function EvidenceSection({ caseId, doc }: { caseId: string; doc: Y.Doc }) {
  return (
    <EvidenceFilesProvider caseId={caseId}>
      <EvidenceWorkspace caseId={caseId} doc={doc} />
    </EvidenceFilesProvider>
  );
}

function EvidenceWorkspace({ caseId, doc }: { caseId: string; doc: Y.Doc }) {
  const headingId = useId();
  const investigator = useInvestigator();
  const index = useMemo(() => new EvidenceIndex(doc), [doc]);
  const items = useSyncExternalStore(index.subscribe, index.getSnapshot);
  const capture = useEvidenceCapture(caseId, doc);
  const offlineCopy = useOfflineCopy(caseId, items);

  const [query, setQuery] = useState<EvidenceQuery>(DEFAULT_EVIDENCE_QUERY);
  // Typing in the filter stays responsive: the list follows a moment later with 5,000 items.
  const deferredQuery = useDeferredValue(query);
  const shown = useMemo(() => filterEvidence(items, deferredQuery), [items, deferredQuery]);
  const deletedCount = useMemo(() => countDeleted(items), [items]);

  const [view, setView] = useState<EvidenceView>(() => readEvidenceView(localStore()));
  const chooseView = (next: EvidenceView) => {
    setView(next);
    writeEvidenceView(localStore(), next);
  };

  const [adding, setAdding] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const opened = openId === null ? undefined : items.find((item) => item.id === openId);
  const [announcement, setAnnouncement] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

  const onOpen = useCallback((id: string) => setOpenId(id), []);
  const onRestore = useCallback(
    (id: string) => {
      try {
        restoreEvidence(doc, id, { by: investigator });
        setAnnouncement('Evidence restored.');
      } catch (error) {
        setAnnouncement(describeError(error, 'Restoring the evidence'));
      }
    },
    [doc, investigator],
  );
  const onDeleted = useCallback((item: Evidence) => {
    setOpenId(null);
    setAnnouncement(`Deleted “${item.title || 'the evidence item'}”. Show deleted to see or restore it.`);
  }, []);

  const section = useRef<HTMLElement>(null);
  const dropping = useDropZone(section, capture);
  usePastedScreenshots(section, capture);

  const filtering = query.text.trim() !== '' || query.kind !== 'all';
  const live = items.length - deletedCount;

  return (
    <section
      ref={section}
      className={`panel evidence-section${dropping ? ' evidence-section--dropping' : ''}`}
      aria-labelledby={headingId}
      onPaste={(event: ReactClipboardEvent) => pasteInto(event.nativeEvent, capture)}
    >
      <div className="panel__header">
        <h2 id={headingId}>Evidence</h2>
        <div className="evidence-section__add">
          <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
            Add evidence
          </button>
          <label className="button file-button">
            Add file
            <input
              ref={fileInput}
              type="file"
              multiple
              className="file-button__input"
              onChange={(event) => {
                const input = event.currentTarget;
                const files = filesFromTransfer({ files: input.files }, 'picker');
                input.value = '';
                void capture.addFiles(files, 'file input');
              }}
            />
          </label>
          <MakeAvailableOfflineButton copying={offlineCopy} />
        </div>
      </div>
      <p className="panel__intro">
        Drop files here, or paste a screenshot (Ctrl+V or ⌘V). Each file is hashed (SHA-256) and kept on this device,
        then sent to the team’s sync server.
      </p>

      <CaptureStatus capture={capture} />
      <WaitingForSpace capture={capture} />
      <OfflineCopyStatus copying={offlineCopy} />
      <WaitingUploads caseId={caseId} />

      <div className="evidence-toolbar">
        <div className="field evidence-toolbar__search">
          <label className="field__label" htmlFor={`${headingId}-filter`}>
            Filter evidence
          </label>
          <input
            id={`${headingId}-filter`}
            type="search"
            autoComplete="off"
            placeholder="Words in titles, descriptions, tags, file names or hashes"
            value={query.text}
            onChange={(event) => {
              const text = event.currentTarget.value;
              setQuery((current) => ({ ...current, text }));
            }}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${headingId}-kind`}>
            Kind
          </label>
          <select
            id={`${headingId}-kind`}
            value={query.kind}
            onChange={(event) => {
              const kind = event.currentTarget.value;
              if (isEvidenceKindFilter(kind)) setQuery((current) => ({ ...current, kind }));
            }}
          >
            <option value="all">All kinds</option>
            {EVIDENCE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {EVIDENCE_KIND_PLURALS[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${headingId}-order`}>
            Sort
          </label>
          <select
            id={`${headingId}-order`}
            value={query.order}
            onChange={(event) => {
              const order = event.currentTarget.value;
              if (isEvidenceOrder(order)) setQuery((current) => ({ ...current, order }));
            }}
          >
            {EVIDENCE_ORDERS.map((order) => (
              <option key={order} value={order}>
                {EVIDENCE_ORDER_LABELS[order]}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="view-toggle">
          <legend className="field__label">View</legend>
          <button
            type="button"
            className="view-toggle__button"
            aria-pressed={view === 'list'}
            onClick={() => chooseView('list')}
          >
            List
          </button>
          <button
            type="button"
            className="view-toggle__button"
            aria-pressed={view === 'gallery'}
            onClick={() => chooseView('gallery')}
          >
            Gallery
          </button>
        </fieldset>
        <label className="evidence-toolbar__deleted">
          <input
            type="checkbox"
            checked={query.showDeleted}
            onChange={(event) => {
              const showDeleted = event.currentTarget.checked;
              setQuery((current) => ({ ...current, showDeleted }));
            }}
          />
          Show deleted ({deletedCount})
        </label>
      </div>

      <p className="evidence-section__count" aria-live="polite">
        {filtering || query.showDeleted
          ? `Showing ${countFormat.format(shown.length)} of ${countFormat.format(query.showDeleted ? items.length : live)} items`
          : `${countFormat.format(live)} ${live === 1 ? 'item' : 'items'}`}
      </p>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>

      {items.length === 0 ? (
        <div className="empty-state">
          <p>
            <strong>No evidence yet.</strong>
          </p>
          <p>
            Add a link, a quote or a web capture with Add evidence; pick files with Add file, drop them here, or paste a
            screenshot.
          </p>
        </div>
      ) : shown.length === 0 ? (
        <div className="empty-state">
          <p>No evidence matches the filter.</p>
        </div>
      ) : view === 'list' ? (
        <EvidenceListView items={shown} onOpen={onOpen} onRestore={onRestore} />
      ) : (
        <EvidenceGalleryView items={shown} onOpen={onOpen} onRestore={onRestore} />
      )}

      {dropping && (
        <div className="evidence-section__drop" aria-hidden="true">
          <p>Drop to add as evidence</p>
        </div>
      )}

      {adding && (
        <AddEvidenceDialog
          capture={capture}
          onPickFiles={() => {
            setAdding(false);
            fileInput.current?.click();
          }}
          onAdded={(id) => {
            setAdding(false);
            if (id) setAnnouncement('Evidence added.');
          }}
          onClose={() => setAdding(false)}
        />
      )}
      {opened && (
        <EvidenceDetailsDialog
          key={opened.id}
          doc={doc}
          item={opened}
          onClose={() => setOpenId(null)}
          onDeleted={onDeleted}
        />
      )}
    </section>
  );
}

function CaptureStatus({ capture }: { capture: EvidenceCapturing }) {
  const { progress, notice, dismissNotice } = capture;
  return (
    <div className="capture-status">
      {progress && (
        <div className="capture-status__progress" role="status">
          <span>{progress.label}</span>
          <progress max={progress.total} value={progress.done} aria-label="Adding evidence" />
        </div>
      )}
      {!progress && notice && (
        <div
          className={`notice ${notice.tone === 'error' ? 'notice--error' : 'notice--done'}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
        >
          <p>{notice.text}</p>
          <button type="button" className="button button--small" onClick={dismissNotice}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}

/** Files that found no storage space: kept in memory until they can be stored, or discarded. */
function WaitingForSpace({ capture }: { capture: EvidenceCapturing }) {
  const { waiting } = capture;
  if (waiting.length === 0) return null;
  const one = waiting.length === 1;
  return (
    <div className="notice notice--info" role="status">
      <div>
        <p>
          {one ? 'This file waits' : 'These files wait'} for storage space on this device. Casefile keeps{' '}
          {one ? 'it' : 'them'} in memory and adds {one ? 'it' : 'them'} to the case once saved; closing Casefile before
          then loses {one ? 'it' : 'them'}.
        </p>
        <ul aria-label="Files waiting for storage space">
          {waiting.map((file) => (
            <li key={file.id}>
              {file.name} ({formatFileSize(file.size)}){' '}
              <button type="button" className="button button--small" onClick={file.discard}>
                Discard {file.name}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** Shows the drop target while files are dragged over the section, and captures what is dropped. */
function useDropZone(section: React.RefObject<HTMLElement | null>, capture: EvidenceCapturing): boolean {
  const [dropping, setDropping] = useState(false);
  const depth = useRef(0);
  const addFiles = capture.addFiles;

  useEffect(() => {
    const element = section.current;
    if (!element) return;
    const onEnter = (event: globalThis.DragEvent) => {
      if (!carriesFiles(event.dataTransfer?.types)) return;
      event.preventDefault();
      depth.current++;
      setDropping(true);
    };
    const onOver = (event: globalThis.DragEvent) => {
      if (!carriesFiles(event.dataTransfer?.types)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = () => {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDropping(false);
    };
    const onDrop = (event: globalThis.DragEvent) => {
      depth.current = 0;
      setDropping(false);
      const files = filesFromTransfer(event.dataTransfer, 'drop');
      if (files.length === 0) return;
      event.preventDefault();
      void addFiles(files, 'drop');
    };
    element.addEventListener('dragenter', onEnter);
    element.addEventListener('dragover', onOver);
    element.addEventListener('dragleave', onLeave);
    element.addEventListener('drop', onDrop);
    return () => {
      element.removeEventListener('dragenter', onEnter);
      element.removeEventListener('dragover', onOver);
      element.removeEventListener('dragleave', onLeave);
      element.removeEventListener('drop', onDrop);
    };
  }, [section, addFiles]);

  return dropping;
}

/** A paste with files in it becomes evidence; a paste of text is left alone (it goes into the field). */
function pasteInto(event: ClipboardEvent, capture: EvidenceCapturing): void {
  if (event.defaultPrevented) return;
  const files = filesFromTransfer(event.clipboardData, 'paste');
  if (files.length === 0) return;
  event.preventDefault();
  void capture.addFiles(files, 'paste');
}

/**
 * Pastes aimed at nothing in particular (focus on the page itself) reach the document, not the
 * section: while the Evidence tab is shown, a screenshot pasted anywhere outside other editors
 * is taken as evidence.
 */
function usePastedScreenshots(section: React.RefObject<HTMLElement | null>, capture: EvidenceCapturing): void {
  const latest = useRef(capture);
  latest.current = capture;
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const target = event.target;
      if (target instanceof Node && section.current?.contains(target)) return;
      if (target instanceof HTMLElement && target.isContentEditable) return;
      pasteInto(event, latest.current);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [section]);
}

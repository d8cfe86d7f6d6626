import { type ReactNode, useCallback, useEffect, useId, useReducer, useRef } from 'react';
import type * as Y from 'yjs';
import { useCasefile } from '../../app/CasefileContext';
import { casefile } from '../../platform/bridge';
import { useModalDialog } from '../evidence/ModalDialog';
import { type ExportCode, loadExportCode } from './exportCode';
import {
  exportDialogReducer,
  exportProgressView,
  initialExportDialogState,
  isExportRunning,
} from './exportDialogState';
import { carriesEvidenceFiles, EXPORT_FORMAT_CHOICES } from './exportFormatChoices';

/**
 * The Export dialog: the format, whether to include the original files, then an export with a
 * progress bar and Cancel. The desktop app makes the dossier on this device (every local edit in
 * it) and saves it where the person chooses; the web build asks its sync server, and the browser
 * downloads the file once it is complete. A native modal <dialog>: the page behind is inert and
 * focus stays inside; Esc closes it, or, while an export runs, cancels the export.
 */
export function ExportDialog({ caseId, doc, onClose }: { caseId: string; doc: Y.Doc; onClose: () => void }) {
  const { platform, db, blobs, serverUrl } = useCasefile();
  const [state, dispatch] = useReducer(exportDialogReducer, undefined, () => initialExportDialogState());
  const abort = useRef<AbortController | null>(null);
  const titleId = useId();
  const running = isExportRunning(state.stage);
  const runningRef = useRef(running);
  runningRef.current = running;
  const cancel = useCallback(() => abort.current?.abort(), []);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const primaryButton = useRef<HTMLButtonElement>(null);

  // The button that had the focus goes away when an export starts or ends; its successor takes it,
  // so that keyboard and screen reader users stay in the dialog where the action is.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (running === wasRunning.current) return;
    wasRunning.current = running;
    (running ? cancelButton : primaryButton).current?.focus();
  }, [running]);

  const dialogRef = useModalDialog(onClose, {
    onCancel: (event) => {
      // Esc during an export stops the export; the dialog stays to say that nothing was saved.
      if (runningRef.current) {
        event.preventDefault();
        abort.current?.abort();
      }
    },
    onUnmount: () => abort.current?.abort(),
  });

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    dispatch({ type: 'start' });
    const { format, includeOriginals } = state;
    let code: ExportCode;
    try {
      code = await loadExportCode();
    } catch (error) {
      dispatch({ type: 'failed', message: (error as Error).message });
      return;
    }
    const { runExport, dossierOf, deviceBlobSource, exportOnThisDevice, requestServerExport } = code;
    const dossier = dossierOf(doc, caseId);
    await runExport({
      bridge: casefile,
      dossier,
      format,
      signal: controller.signal,
      dispatch,
      produce: (onProgress) =>
        platform === 'desktop'
          ? exportOnThisDevice({
              dossier,
              format,
              includeOriginals,
              signal: controller.signal,
              onProgress,
              blobs: deviceBlobSource(db, blobs, caseId),
              bridge: casefile,
            })
          : blobs.requestHeaders(caseId).then((headers) =>
              // Signed in as the case's file requests are: the server exports only for someone who may read the case.
              requestServerExport({
                serverUrl: serverUrl ?? window.location.origin,
                caseId,
                format,
                includeOriginals,
                signal: controller.signal,
                headers,
              }),
            ),
    });
    if (abort.current === controller) abort.current = null;
  };

  const progress = exportProgressView(state.stage, state.format, platform);
  const evidenceFormat = carriesEvidenceFiles(state.format);
  const stage = state.stage;

  return (
    <dialog ref={dialogRef} className="modal export-dialog" aria-labelledby={titleId}>
      <div className="modal__header">
        <h2 id={titleId} className="modal__title">
          Export dossier
        </h2>
        {!running && (
          <button type="button" className="modal__close" aria-label="Close" onClick={() => dialogRef.current?.close()}>
            <span aria-hidden="true">×</span>
          </button>
        )}
      </div>
      <form
        className="modal__body export-dialog__body"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <fieldset className="export-dialog__formats" disabled={running}>
          <legend>Format</legend>
          {EXPORT_FORMAT_CHOICES.map((choice) => (
            <label key={choice.format} className="export-dialog__format">
              <input
                type="radio"
                name="export-format"
                value={choice.format}
                checked={state.format === choice.format}
                onChange={() => dispatch({ type: 'choose-format', format: choice.format })}
                aria-describedby={`${titleId}-${choice.format}`}
              />
              <span>
                <span className="export-dialog__format-label">{choice.label}</span>
                <span id={`${titleId}-${choice.format}`} className="export-dialog__hint">
                  {choice.description}
                </span>
              </span>
            </label>
          ))}
        </fieldset>

        <fieldset className="export-dialog__privacy" disabled={running || !evidenceFormat}>
          <legend>Privacy</legend>
          <label className="export-dialog__check">
            <input
              type="checkbox"
              checked={state.includeOriginals && evidenceFormat}
              onChange={(event) => dispatch({ type: 'include-originals', include: event.target.checked })}
              aria-describedby={`${titleId}-originals`}
            />
            Include original files (with their metadata, e.g. GPS location in photos)
          </label>
          <p id={`${titleId}-originals`} className="export-dialog__hint">
            {evidenceFormat ? (
              state.includeOriginals ? (
                <>
                  <strong>On:</strong> the bundle carries each evidence file exactly as captured, with all its metadata
                  — camera, date, and the GPS position where a photo was taken, which can expose a source or you.
                </>
              ) : (
                <>
                  <strong>Off</strong> (recommended): images in the bundle are copies re-encoded without metadata; each
                  original is listed by its SHA-256 as withheld, so it can still be checked against the file you keep.
                </>
              )
            ) : (
              'Only a bundle carries evidence files. Images in a PDF or HTML are always copies without metadata.'
            )}
          </p>
        </fieldset>

        <p className="export-dialog__hint">
          {platform === 'desktop'
            ? 'Casefile makes the dossier on this device, with every change you made, and asks where to save it.'
            : 'The sync server makes the dossier from the case as it has stored it (changes not yet synced are not in it); your browser downloads the file when it is complete.'}
        </p>

        <ExportStatus stage={stage} progress={progress} platform={platform} />

        <div className="export-dialog__actions">
          {running ? (
            <button ref={cancelButton} type="button" className="button" onClick={cancel}>
              Cancel export
            </button>
          ) : (
            <>
              <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
                {stage.kind === 'done' ? 'Done' : 'Close'}
              </button>
              <button ref={primaryButton} type="submit" className="button button--primary">
                {stage.kind === 'failed' ? 'Try again' : stage.kind === 'done' ? 'Export again' : 'Export'}
              </button>
            </>
          )}
        </div>
      </form>
    </dialog>
  );
}

function ExportStatus({
  stage,
  progress,
  platform,
}: {
  stage: ReturnType<typeof initialExportDialogState>['stage'];
  progress: ReturnType<typeof exportProgressView>;
  platform: 'desktop' | 'web';
}): ReactNode {
  if (progress) {
    return (
      <div className="export-dialog__progress">
        {progress.value === null ? (
          <progress aria-label="Export progress" />
        ) : (
          <progress aria-label="Export progress" max={1} value={progress.value} />
        )}
        <p role="status">{progress.text}</p>
      </div>
    );
  }
  switch (stage.kind) {
    case 'done':
      return (
        <div role="status" className="export-dialog__done">
          <p>
            {platform === 'desktop' ? 'Saved as ' : 'Downloaded as '}
            <strong className="export-dialog__path">{stage.savedAs}</strong>
            {platform === 'web' ? ' (in your browser’s downloads).' : '.'}
          </p>
          {stage.manifestSha256 && (
            <p>
              SHA-256 of the bundle’s manifest.json: <code className="export-dialog__hash">{stage.manifestSha256}</code>
              <br />
              Publish it with the bundle: whoever receives the bundle checks it with <code>casefile-verify</code> or{' '}
              <code>sha256sum</code>.
            </p>
          )}
        </div>
      );
    case 'cancelled':
      return (
        <p role="status" className="export-dialog__cancelled">
          Export cancelled. Nothing was saved.
        </p>
      );
    case 'failed':
      return (
        <p role="alert" className="export-dialog__error">
          {stage.message}
        </p>
      );
    default:
      return <p role="status" className="visually-hidden" />;
  }
}

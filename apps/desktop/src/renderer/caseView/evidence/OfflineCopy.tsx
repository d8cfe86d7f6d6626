import type { Evidence } from '@casefile/model';
import { storedBlobHashes } from '@casefile/storage';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useCasefile } from '../../app/CasefileContext';
import { fileProblemOf } from './blobErrors';
import {
  type CaseFile,
  copyCaseFilesToDevice,
  describeOfflineCopy,
  filesOfCase,
  type OfflineCopyProgress,
  type OfflineCopyResult,
} from './caseOfflineCopy';
import { useEvidenceFiles } from './EvidenceFilesContext';
import { readEvidenceFile } from './evidenceFiles';

export type OfflineCopyState =
  | { phase: 'idle' }
  | { phase: 'running'; progress: OfflineCopyProgress }
  | { phase: 'done'; progress: OfflineCopyProgress; result: OfflineCopyResult };

export interface OfflineCopying {
  state: OfflineCopyState;
  start(): void;
  cancel(): void;
  dismiss(): void;
}

const PROGRESS_NAME = 'Making this case available offline';

/**
 * "Make available offline": fetches every file of the case's evidence that this device does not
 * hold yet (verified by its SHA-256 and stored), so that the whole case opens with no network.
 */
export function useOfflineCopy(caseId: string, items: readonly Evidence[]): OfflineCopying {
  const { db, blobs } = useCasefile();
  const { reread } = useEvidenceFiles();
  const [state, setState] = useState<OfflineCopyState>({ phase: 'idle' });
  const stop = useRef<AbortController | null>(null);
  const latestItems = useRef(items);
  latestItems.current = items;

  // Leaving the tab cancels: nobody would see the progress any more.
  useEffect(() => () => stop.current?.abort(), []);

  const start = useCallback(() => {
    if (stop.current) return;
    const controller = new AbortController();
    stop.current = controller;
    const files = filesOfCase(latestItems.current);
    const report = (progress: OfflineCopyProgress) => setState({ phase: 'running', progress });
    report({ onDevice: 0, total: files.length });
    copyCaseFilesToDevice({
      files,
      storedHashes: (hashes) => storedBlobHashes(db, hashes),
      fetchFile: async (file: CaseFile) => {
        await readEvidenceFile({
          db,
          blobs,
          caseId,
          file: { sha256: file.sha256, size: file.size, mime: file.mime, name: file.name, role: 'original' },
          ...(file.quote === undefined ? {} : { quote: file.quote }),
          fetch: true,
        });
      },
      fetchBlocked: () => {
        if (blobs.serverUrl === null) {
          return 'No sync server is set to fetch them from: set the team’s server in Settings.';
        }
        if (!navigator.onLine) return 'You are offline: connect to the network, then try again.';
        return null;
      },
      describeFailure: (error, file) => fileProblemOf(error, `Fetching ${file.name}`).text,
      onProgress: report,
      signal: controller.signal,
    })
      .then(
        (result) => {
          setState({ phase: 'done', progress: { onDevice: result.onDevice, total: result.total }, result });
          // Thumbnails that were not here before are now.
          if (result.onDevice > 0) reread();
        },
        (error: unknown) => {
          const message = fileProblemOf(error, 'Making this case available offline').text;
          setState({
            phase: 'done',
            progress: { onDevice: 0, total: files.length },
            result: { total: files.length, onDevice: 0, failures: [], blocked: message, cancelled: false },
          });
        },
      )
      .finally(() => {
        if (stop.current === controller) stop.current = null;
      });
  }, [db, blobs, caseId, reread]);

  const cancel = useCallback(() => stop.current?.abort(), []);
  const dismiss = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, start, cancel, dismiss };
}

export function MakeAvailableOfflineButton({ copying }: { copying: OfflineCopying }) {
  return (
    <button
      type="button"
      className="button"
      disabled={copying.state.phase === 'running'}
      onClick={copying.start}
      title="Fetch every file of this case’s evidence onto this device, to work on it with no network"
    >
      Make available offline
    </button>
  );
}

/** Progress while the files are fetched, then the outcome: every file here, or which were not and why. */
export function OfflineCopyStatus({ copying }: { copying: OfflineCopying }) {
  const { state } = copying;
  if (state.phase === 'idle') return null;
  const { onDevice, total } = state.progress;
  const counted = (
    <>
      <span>
        {onDevice} of {total === 1 ? '1 file' : `${total} files`} on this device
      </span>
      <progress max={Math.max(total, 1)} value={total === 0 ? 1 : onDevice} aria-label={PROGRESS_NAME} />
    </>
  );
  if (state.phase === 'running') {
    return (
      <div className="capture-status">
        <div className="capture-status__progress" role="status">
          {counted}
          <button type="button" className="button button--small" onClick={copying.cancel}>
            Cancel
          </button>
        </div>
      </div>
    );
  }
  const { result } = state;
  const incomplete = result.failures.length > 0 || result.blocked !== null;
  return (
    <div className="capture-status">
      <div className="capture-status__progress">{counted}</div>
      <div className={`notice ${incomplete ? 'notice--error' : 'notice--done'}`}>
        <div>
          <p role="status">{describeOfflineCopy(result)}</p>
          {result.failures.length > 0 && (
            <>
              <p>{result.failures.length === 1 ? 'This file' : 'These files'} could not be fetched; try again later:</p>
              <ul aria-label="Files not made available offline">
                {result.failures.map((failure) => (
                  <li key={failure.sha256}>
                    <strong>{failure.name}</strong>: {failure.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <button type="button" className="button button--small" onClick={copying.dismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

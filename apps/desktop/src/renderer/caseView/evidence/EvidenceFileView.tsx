import type { EvidenceFile } from '@casefile/model';
import { useCallback, useEffect, useState } from 'react';
import { type FileProblem, fileProblemOf } from './blobErrors';
import { useEvidenceFiles } from './EvidenceFilesContext';
import type { BlobProgress } from './evidenceFiles';
import { formatByteCount, formatFileSize } from './fileSize';
import { isPreviewableImage } from './fileTypes';
import { Sha256Text } from './Sha256Text';

type Opened =
  | { state: 'reading' }
  | { state: 'downloading'; progress: BlobProgress }
  | { state: 'ready'; url: string; downloadUrl: string }
  | { state: 'problem'; problem: FileProblem };

const ROLE_LABELS: Record<EvidenceFile['role'], string> = {
  original: 'Original',
  screenshot: 'Screenshot',
  snapshot: 'Page snapshot',
};

/**
 * One file of an opened item: its record (name, size, MIME, SHA-256), then its bytes — read on
 * this device with the hash checked, or fetched from the sync server with a progress bar. Bytes
 * that fail the check are never shown or offered as the original: only the warning is.
 */
export function EvidenceFileView({ file, quote }: { file: EvidenceFile; quote?: string }) {
  const { read } = useEvidenceFiles();
  const [opened, setOpened] = useState<Opened>({ state: 'reading' });
  const [attempt, setAttempt] = useState({ count: 0, repair: false });
  const retry = useCallback((repair: boolean) => setAttempt(({ count }) => ({ count: count + 1, repair })), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the read on "Try again"
  useEffect(() => {
    let live = true;
    const urls: string[] = [];
    setOpened({ state: 'reading' });
    read(file, {
      quote,
      fetch: true,
      repair: attempt.repair,
      onProgress: (progress) => {
        if (live) setOpened({ state: 'downloading', progress });
      },
    }).then(
      (blob) => {
        if (!live) return;
        const url = URL.createObjectURL(blob);
        // The download link's bytes are typed as a plain download: opened in a tab instead of saved
        // (middle click, "Open link"), a captured HTML or SVG file would otherwise render as a page
        // of the app's own origin. Only the <img> preview gets the typed URL (an <img> runs no script).
        const downloadUrl = URL.createObjectURL(new Blob([blob], { type: 'application/octet-stream' }));
        urls.push(url, downloadUrl);
        setOpened({ state: 'ready', url, downloadUrl });
      },
      (error: unknown) => {
        if (live) setOpened({ state: 'problem', problem: fileProblemOf(error, `Opening ${file.name || 'the file'}`) });
      },
    );
    return () => {
      live = false;
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [file.sha256, file.name, quote, read, attempt]);

  return (
    <li className="evidence-file">
      <dl className="evidence-file__record">
        <div>
          <dt>File</dt>
          <dd>
            {file.name || 'unnamed'} <span className="evidence-file__role">({ROLE_LABELS[file.role]})</span>
          </dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>
            {formatFileSize(file.size)} ({formatByteCount(file.size)})
          </dd>
        </div>
        <div>
          <dt>MIME type</dt>
          <dd>{file.mime}</dd>
        </div>
        <div className="evidence-file__hash">
          <dt>SHA-256</dt>
          <dd>
            <Sha256Text sha256={file.sha256} />
          </dd>
        </div>
      </dl>
      <OpenedFile file={file} opened={opened} onRetry={retry} />
    </li>
  );
}

function OpenedFile({
  file,
  opened,
  onRetry,
}: {
  file: EvidenceFile;
  opened: Opened;
  onRetry: (repair: boolean) => void;
}) {
  const name = file.name || 'file';
  switch (opened.state) {
    case 'reading':
      return <p className="evidence-file__status">Reading and verifying {name}…</p>;
    case 'downloading': {
      const { received, total } = opened.progress;
      const known = total !== null && total > 0;
      return (
        <div className="evidence-file__status">
          <label>
            Downloading {name} from the sync server
            {known ? ` — ${formatFileSize(received)} of ${formatFileSize(total)}` : ` — ${formatFileSize(received)}`}
            <progress
              className="evidence-file__progress"
              max={known ? total : undefined}
              value={known ? received : undefined}
              aria-label={`Downloading ${name}`}
            />
          </label>
        </div>
      );
    }
    case 'problem':
      return (
        <div className="evidence-file__status">
          {opened.problem.kind === 'integrity' ? (
            <p className="integrity-warning" role="alert">
              {opened.problem.text}
            </p>
          ) : (
            <p className={opened.problem.kind === 'absent' ? 'notice notice--info' : 'field-error'} role="status">
              {opened.problem.text}
            </p>
          )}
          {opened.problem.kind === 'integrity' ? (
            <button type="button" className="button button--small" onClick={() => onRetry(true)}>
              Download the original again
            </button>
          ) : (
            <button type="button" className="button button--small" onClick={() => onRetry(false)}>
              Try again
            </button>
          )}
        </div>
      );
    case 'ready':
      return (
        <div className="evidence-file__opened">
          <p className="evidence-file__verified">
            <span aria-hidden="true">✓ </span>Verified: these bytes match the SHA-256 recorded at capture.
          </p>
          {isPreviewableImage(file.mime) && (
            <img className="evidence-file__preview" src={opened.url} alt={`Preview of ${name}`} />
          )}
          <a className="button button--small" href={opened.downloadUrl} download={name}>
            Download {name}
          </a>
        </div>
      );
  }
}

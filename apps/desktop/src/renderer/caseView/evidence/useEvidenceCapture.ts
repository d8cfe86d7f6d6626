import {
  captureEvidence,
  type EvidenceCapture,
  type EvidenceFile,
  type Investigator,
  quoteFile,
  ValidationError,
} from '@casefile/model';
import { acquireCaseDoc, putBlob, putBlobRetrying, type StoredBlob } from '@casefile/storage';
import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { useCasefile } from '../../app/CasefileContext';
import { describeError } from '../../app/describeError';
import { useInvestigator } from '../../settings/useInvestigator';
import { formatUtcTime } from './captureTime';
import { type CaptureMethod, captureToolName } from './captureTool';
import { formatFileSize } from './fileSize';
import { mimeOfFile, pastedScreenshotName } from './fileTypes';
import type { ClassifiedFile } from './transferItems';
import { captureWebPage } from './webCapture';

export interface CaptureProgress {
  /** What is happening, e.g. "Hashing and storing report.pdf (2 of 3)…". */
  label: string;
  done: number;
  total: number;
}

export interface CaptureNotice {
  tone: 'done' | 'error';
  text: string;
}

export interface LinkInput {
  url: string;
  title: string;
  description: string;
}

export interface QuoteInput {
  text: string;
  title: string;
  sourceUrl: string;
  description: string;
}

/** A file that did not fit on this device: kept in memory and stored (then recorded) once there is space. */
export interface WaitingFile {
  id: number;
  name: string;
  size: number;
  /** Stops waiting: the file is not added. */
  discard(): void;
}

export interface EvidenceCapturing {
  progress: CaptureProgress | null;
  notice: CaptureNotice | null;
  /** Files waiting for storage space, oldest first. */
  waiting: readonly WaitingFile[];
  dismissNotice(): void;
  /** Hashes and stores each file, then records one evidence item per file. Never throws. */
  addFiles(files: ClassifiedFile[], method: CaptureMethod): Promise<void>;
  /** Records a link; throws ValidationError (nothing written) for a form to show. */
  addLink(input: LinkInput): string;
  /** Stores the quote's UTF-8 bytes and records it; throws for a form to show. */
  addQuote(input: QuoteInput): Promise<string>;
  /** Desktop only: captures the page in a hidden window; throws DesktopOnlyError in a browser. */
  addWebCapture(url: string): Promise<string>;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

let waitingFiles = 0;

/**
 * Stores a file's bytes; resolves 'waiting' instead as soon as the first attempt finds no space,
 * while `saved` goes on retrying (and settles when the bytes are stored or given up).
 */
function storeOrWait(store: (onWaiting: () => void) => Promise<StoredBlob>): {
  first: Promise<StoredBlob | 'waiting'>;
  saved: Promise<StoredBlob>;
} {
  let noticeWaiting: () => void = () => {};
  const noSpace = new Promise<'waiting'>((resolve) => {
    noticeWaiting = () => resolve('waiting');
  });
  const saved = store(() => noticeWaiting());
  return { first: Promise.race([saved, noSpace]), saved };
}

/**
 * The ways evidence comes in, each in the order that keeps the record honest: the bytes are
 * hashed and stored on this device (and queued for the server) first, then the item is written
 * with that hash, so that a case never lists a file this device does not hold.
 */
export function useEvidenceCapture(caseId: string, doc: Y.Doc): EvidenceCapturing {
  const { db, version } = useCasefile();
  const investigator = useInvestigator();
  const [progress, setProgress] = useState<CaptureProgress | null>(null);
  const [notice, setNotice] = useState<CaptureNotice | null>(null);
  const [waiting, setWaiting] = useState<readonly WaitingFile[]>([]);
  // Files added while others are still being stored wait their turn, so progress stays one line.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const who = useRef<Investigator>(investigator);
  who.current = investigator;

  /**
   * A file that found no space: the case document stays loaded (a lease of its own, in case the
   * tab is left meanwhile) until the bytes are stored and the item recorded, or the file discarded.
   */
  const recordWhenStored = useCallback(
    (
      name: string,
      size: number,
      saved: Promise<StoredBlob>,
      discard: () => void,
      record: (doc: Y.Doc, stored: StoredBlob) => void,
    ) => {
      const entry: WaitingFile = { id: ++waitingFiles, name, size, discard };
      setWaiting((list) => [...list, entry]);
      const leasing = acquireCaseDoc(db, caseId);
      leasing.catch(() => {});
      saved
        .then(
          async (stored) => {
            const lease = await leasing;
            try {
              record(lease.doc, stored);
            } finally {
              lease.release();
            }
            setNotice({ tone: 'done', text: `Saved ${name} now that there is space, and added it as evidence.` });
          },
          (error: unknown) => {
            void leasing.then(
              (lease) => lease.release(),
              () => {},
            );
            if (error instanceof Error && error.name === 'SaveCancelledError') {
              setNotice({ tone: 'done', text: `${name} was not added: you stopped waiting for space.` });
            } else {
              setNotice({ tone: 'error', text: `${name} was not added. ${describeError(error, `Adding ${name}`)}` });
            }
          },
        )
        .catch((error: unknown) => {
          setNotice({
            tone: 'error',
            text: `${name} was stored but not added. ${describeError(error, `Adding ${name}`)}`,
          });
        })
        .finally(() => setWaiting((list) => list.filter((each) => each !== entry)));
    },
    [db, caseId],
  );

  const addFiles = useCallback(
    (files: ClassifiedFile[], method: CaptureMethod): Promise<void> => {
      if (files.length === 0) return Promise.resolve();
      const run = async () => {
        const failures: string[] = [];
        let added = 0;
        let waitingForSpace = 0;
        for (const [index, { file, kind }] of files.entries()) {
          const now = new Date();
          const mime = mimeOfFile(file.type);
          const pasted = method === 'paste' && kind === 'screenshot';
          const name = pasted ? pastedScreenshotName(mime, now) : file.name || 'unnamed file';
          setProgress({
            label: `Hashing and storing ${name} (${index + 1} of ${files.length})…`,
            done: index,
            total: files.length,
          });
          const record = (target: Y.Doc, stored: StoredBlob) => {
            const evidenceFile: EvidenceFile = {
              sha256: stored.sha256,
              size: stored.size,
              mime,
              name,
              role: kind === 'screenshot' ? 'screenshot' : 'original',
            };
            captureEvidence(
              target,
              {
                kind,
                captureTool: captureToolName(version, method),
                title: pasted ? `Screenshot pasted ${formatUtcTime(now.toISOString())}` : name,
                files: [evidenceFile],
              },
              // Captured when it was added, even if it is stored later (after space was freed).
              { by: who.current, now },
            );
          };
          const stop = new AbortController();
          try {
            const { first, saved } = storeOrWait((onWaiting) =>
              putBlobRetrying(db, caseId, file, mime, {
                what: `The file ${name} (${formatFileSize(file.size)})`,
                onWaiting,
                signal: stop.signal,
              }),
            );
            const outcome = await first;
            if (outcome === 'waiting') {
              waitingForSpace++;
              recordWhenStored(name, file.size, saved, () => stop.abort(), record);
              continue;
            }
            record(doc, outcome);
            added++;
          } catch (error) {
            failures.push(describeError(error, `Adding ${name}`));
          }
        }
        setProgress(null);
        const waitingText =
          waitingForSpace > 0
            ? ` ${plural(waitingForSpace, 'file waits', 'files wait')} for storage space and will be added once it is saved.`
            : '';
        if (failures.length > 0) {
          setNotice({
            tone: 'error',
            text: `${added > 0 ? `Added ${plural(added, 'item', 'items')}; ` : ''}${plural(failures.length, 'file was', 'files were')} not added. ${failures.join(' ')}${waitingText}`,
          });
        } else if (waitingForSpace > 0) {
          setNotice(
            added > 0
              ? { tone: 'done', text: `Added ${plural(added, 'evidence item', 'evidence items')}.${waitingText}` }
              : null,
          );
        } else {
          setNotice({ tone: 'done', text: `Added ${plural(added, 'evidence item', 'evidence items')}.` });
        }
      };
      queue.current = queue.current.then(run, run);
      return queue.current;
    },
    [db, caseId, doc, version, recordWhenStored],
  );

  const addLink = useCallback(
    (input: LinkInput): string => {
      const id = captureEvidence(
        doc,
        {
          kind: 'link',
          captureTool: captureToolName(version, 'link form'),
          sourceUrl: input.url,
          title: input.title.trim() || input.url,
          description: input.description,
        },
        { by: who.current },
      );
      setNotice({ tone: 'done', text: 'Added the link.' });
      return id;
    },
    [doc, version],
  );

  const addQuote = useCallback(
    async (input: QuoteInput): Promise<string> => {
      if (input.text.trim() === '') {
        throw new ValidationError('Type the quote: the words as they were said or written.', { field: 'quote' });
      }
      const { bytes, file } = quoteFile(input.text);
      const stored = await putBlob(db, caseId, new Blob([new Uint8Array(bytes)], { type: file.mime }), file.mime);
      if (stored.sha256 !== file.sha256) {
        throw new Error('the stored quote does not hash to its text; nothing was recorded');
      }
      const capture: EvidenceCapture = {
        kind: 'quote',
        captureTool: captureToolName(version, 'quote form'),
        quote: input.text,
        files: [file],
        title: input.title.trim(),
        sourceUrl: input.sourceUrl.trim(),
        description: input.description,
      };
      const id = captureEvidence(doc, capture, { by: who.current });
      setNotice({ tone: 'done', text: 'Added the quote.' });
      return id;
    },
    [db, caseId, doc, version],
  );

  const addWebCapture = useCallback(
    async (url: string): Promise<string> => {
      setProgress({ label: `Capturing ${url} in a hidden window…`, done: 0, total: 3 });
      try {
        const page = await captureWebPage(url);
        setProgress({ label: 'Hashing and storing the screenshot…', done: 1, total: 3 });
        const screenshot = await putBlob(db, caseId, new Blob([page.screenshot.bytes]), page.screenshot.mime);
        setProgress({ label: 'Hashing and storing the page snapshot…', done: 2, total: 3 });
        const snapshot = await putBlob(db, caseId, new Blob([page.snapshot.bytes]), page.snapshot.mime);
        const capturedAt = new Date(page.capturedAt);
        const id = captureEvidence(
          doc,
          {
            kind: 'webCapture',
            captureTool: captureToolName(version, 'web capture'),
            sourceUrl: url,
            finalUrl: page.finalUrl,
            title: page.title.trim() || page.finalUrl,
            files: [
              { ...screenshot, mime: page.screenshot.mime, name: 'page.png', role: 'screenshot' },
              { ...snapshot, mime: page.snapshot.mime, name: 'page.mhtml', role: 'snapshot' },
            ],
          },
          { by: who.current, now: Number.isNaN(capturedAt.getTime()) ? new Date() : capturedAt },
        );
        setNotice({ tone: 'done', text: `Captured ${page.finalUrl}.` });
        return id;
      } finally {
        setProgress(null);
      }
    },
    [db, caseId, doc, version],
  );

  const dismissNotice = useCallback(() => setNotice(null), []);
  // "Added 3 items" has said its piece after a while; a failure stays until dismissed.
  useEffect(() => {
    if (notice?.tone !== 'done') return;
    const timer = window.setTimeout(() => setNotice((current) => (current === notice ? null : current)), 8000);
    return () => window.clearTimeout(timer);
  }, [notice]);

  return { progress, notice, waiting, dismissNotice, addFiles, addLink, addQuote, addWebCapture };
}

import type { Evidence, EvidenceFile } from '@casefile/model';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useCasefile } from '../../app/CasefileContext';
import { type FileProblem, fileProblemOf, isCancelledRead } from './blobErrors';
import { type BlobProgress, readEvidenceFile } from './evidenceFiles';
import { isPreviewableImage } from './fileTypes';
import { VerifiedUrlCache } from './verifiedUrlCache';

/** Thumbnails fetch from the server by themselves only up to this size; larger ones wait to be opened. */
export const THUMBNAIL_FETCH_LIMIT = 4 * 1024 * 1024;

export interface ReadOptions {
  quote?: string;
  fetch: boolean;
  repair?: boolean;
  onProgress?: (progress: BlobProgress) => void;
}

interface EvidenceFilesValue {
  read(file: EvidenceFile, options: ReadOptions): Promise<Blob>;
  thumbnails: VerifiedUrlCache;
  /** Goes up when a damaged copy was replaced by the original, so that thumbnails read again. */
  generation: number;
  /** Files came onto this device (made available offline): thumbnails that could not show may now. */
  reread(): void;
}

const EvidenceFilesContext = createContext<EvidenceFilesValue | null>(null);

/** Reading a case's evidence files (verified, fetched when missing) and the thumbnails' cache. */
export function EvidenceFilesProvider({ caseId, children }: { caseId: string; children: ReactNode }) {
  const { db, blobs } = useCasefile();
  const thumbnails = useMemo(() => new VerifiedUrlCache({ concurrency: 3, keepUnused: 80 }), []);
  useEffect(() => () => thumbnails.close(), [thumbnails]);
  const [generation, setGeneration] = useState(0);
  // Stable across repairs: an open file view re-reads when `read` changes, and must not after its own repair.
  const read = useCallback(
    async (file: EvidenceFile, options: ReadOptions): Promise<Blob> => {
      const blob = await readEvidenceFile({ db, blobs, caseId, file, ...options });
      if (options.repair) setGeneration((count) => count + 1);
      return blob;
    },
    [db, blobs, caseId],
  );
  const reread = useCallback(() => setGeneration((count) => count + 1), []);
  const value = useMemo<EvidenceFilesValue>(
    () => ({ thumbnails, generation, read, reread }),
    [thumbnails, generation, read, reread],
  );
  return <EvidenceFilesContext.Provider value={value}>{children}</EvidenceFilesContext.Provider>;
}

export function useEvidenceFiles(): EvidenceFilesValue {
  const value = useContext(EvidenceFilesContext);
  if (!value) throw new Error('useEvidenceFiles is used outside <EvidenceFilesProvider>.');
  return value;
}

/** The image an item shows as its thumbnail: a screenshot first, else its first image. */
export function thumbnailFileOf(item: Evidence): EvidenceFile | null {
  const images = item.files.filter((file) => isPreviewableImage(file.mime));
  return images.find((file) => file.role === 'screenshot') ?? images[0] ?? null;
}

export type ThumbnailState =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'ready'; url: string }
  | { status: 'problem'; problem: FileProblem };

/**
 * The object URL of an item's verified thumbnail image while the component showing it is
 * mounted (only rows on screen are). A blob that fails verification never gets a URL.
 */
export function useThumbnail(file: EvidenceFile | null): ThumbnailState {
  const { thumbnails, read, generation } = useEvidenceFiles();
  const [state, setState] = useState<ThumbnailState>(() => (file ? { status: 'loading' } : { status: 'none' }));
  // The file is identified by its hash: a new object for the same file (any edit of the item makes
  // one) must not read it again.
  const latest = useRef(file);
  latest.current = file;
  const sha256 = file?.sha256 ?? null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` reads a repaired file again
  useEffect(() => {
    const wanted = latest.current;
    if (sha256 === null || !wanted) {
      setState({ status: 'none' });
      return;
    }
    setState({ status: 'loading' });
    let live = true;
    const lease = thumbnails.acquire(sha256, () => read(wanted, { fetch: wanted.size <= THUMBNAIL_FETCH_LIMIT }));
    lease.url.then(
      (url) => {
        if (live) setState({ status: 'ready', url });
      },
      (error: unknown) => {
        if (live && !isCancelledRead(error)) {
          setState({ status: 'problem', problem: fileProblemOf(error, 'Reading the thumbnail') });
        }
      },
    );
    return () => {
      live = false;
      lease.release();
    };
  }, [sha256, thumbnails, read, generation]);

  return state;
}

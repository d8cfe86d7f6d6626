import { isCaseInitialized } from '@casefile/model';
import { acquireCaseDoc, type CasefileDatabase, listLocalCaseIds } from '@casefile/storage';
import { useEffect, useState } from 'react';
import { type CaseSearchIndex, caseSearchEntry, createCaseSearchIndex, putCaseInIndex } from './caseSearchIndex';

export interface SearchIndexState {
  index: CaseSearchIndex;
  /** Cases read so far, of `total`. */
  done: number;
  total: number;
  building: boolean;
  /** Bumped whenever more cases are in the index, so that results are searched again. */
  version: number;
  /** Cases that could not be read (a damaged copy); the others are still searched. */
  failed: number;
}

/** How often the results catch up while many cases are read. */
const REPORT_EVERY_MS = 150;

/**
 * An index of every case stored on this device, built when the search page opens: each case is
 * loaded (acquireCaseDoc), its search text taken (the model's caseSearchDocument) and released
 * before the next, so that a thousand cases never sit in memory at once. Results show as the
 * index fills.
 */
export function useCaseSearchIndex(db: CasefileDatabase): SearchIndexState {
  const [state, setState] = useState<SearchIndexState>(() => ({
    index: createCaseSearchIndex(),
    done: 0,
    total: 0,
    building: true,
    version: 0,
    failed: 0,
  }));

  useEffect(() => {
    let current = true;
    const index = createCaseSearchIndex();
    let done = 0;
    let failed = 0;
    let total = 0;
    let version = 0;
    let lastReport = 0;
    const report = (building: boolean) => {
      version += 1;
      lastReport = performance.now();
      setState({ index, done, total, building, version, failed });
    };
    (async () => {
      const ids = await listLocalCaseIds(db);
      total = ids.length;
      report(true);
      for (const id of ids) {
        if (!current) return;
        try {
          const lease = await acquireCaseDoc(db, id);
          try {
            if (isCaseInitialized(lease.doc)) putCaseInIndex(index, caseSearchEntry(lease.doc, id));
          } finally {
            lease.release();
          }
        } catch (error) {
          failed += 1;
          console.warn(`Search could not read case ${id}:`, error);
        }
        done += 1;
        if (performance.now() - lastReport > REPORT_EVERY_MS) report(true);
      }
      if (current) report(false);
    })().catch((error: unknown) => {
      console.error('Search could not list the cases on this device:', error);
      if (current) report(false);
    });
    return () => {
      current = false;
    };
  }, [db]);

  return state;
}

import { liveQuery } from 'dexie';
import type { CasefileDatabase, OutboxRow } from './database.js';
import { readFailure, writeFailure } from './errors.js';

/** A queued upload: the blob `sha256` for the case `caseId`. */
export type OutboxEntry = OutboxRow;

/** Every queued upload, oldest first. */
export async function listOutbox(db: CasefileDatabase): Promise<OutboxEntry[]> {
  try {
    return await db.outbox.orderBy('id').toArray();
  } catch (error) {
    throw readFailure(error, 'The list of files waiting to upload');
  }
}

/**
 * Records that the queued upload `id` reached the server: removes it from the outbox and marks
 * its blob 'uploaded', in one transaction. An id no longer queued (another tab finished it) is fine.
 */
export async function markUploaded(db: CasefileDatabase, id: number): Promise<void> {
  try {
    await db.transaction('rw', db.blobs, db.outbox, async () => {
      const entry = await db.outbox.get(id);
      if (!entry) return;
      await db.outbox.delete(id);
      await db.blobs.update(entry.sha256, { state: 'uploaded' });
    });
  } catch (error) {
    throw writeFailure(error, 'The upload record');
  }
}

/**
 * Calls `listener` with how many files of case `caseId` wait to be uploaded (bytes only this
 * device holds), now and whenever that changes, in this window or another. Returns an unsubscribe.
 */
export function watchCaseUploads(
  db: CasefileDatabase,
  caseId: string,
  listener: (waiting: number) => void,
): () => void {
  const subscription = liveQuery(() => db.outbox.where('caseId').equals(caseId).count()).subscribe({
    next: listener,
    // A failed count says nothing about the queue; the next change counts again.
    error: () => {},
  });
  return () => subscription.unsubscribe();
}

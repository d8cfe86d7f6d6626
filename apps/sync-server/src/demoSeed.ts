import { newCaseId, putCaseEntry, WORKSPACE_ROOM } from '@casefile/model';
import { writeDemoCase } from '@casefile/model/demo';
import * as Y from 'yjs';
import type { BlobFiles } from './blobFiles.js';
import { makeCustodyEntry, summarizeUpdate } from './custodyLog.js';
import type { DocumentStore } from './persistence.js';

/** Set once the demo case was written (its value is the case id), or once it was decided not to write it. */
export const DEMO_SEEDED_MARKER = 'demo-case-seeded';
/** Who the custody record names as the demo case's writer. */
export const DEMO_AUTHOR = 'casefile-server (demo case)';

/**
 * On a new data directory, writes the demo case and its entry in the workspace list, so that a
 * team's first look at the web app is a filled case file. Written once ever: the marker lands in
 * the same atomic write as the case, so a restart (or a crash midway) never writes a second copy,
 * and a team that deleted the demo case does not see it come back. A data directory that already
 * holds documents but no marker (from before the demo existed) is left as it is.
 *
 * The demo's evidence bytes go into the blob store, held by the demo case, before the case is
 * written: a case that lists a file never lacks it. A crash in between leaves at most blobs held by
 * a case id that never came to exist, which nobody can reach.
 *
 * Returns the new case id, or null when nothing was written.
 */
export async function seedDemoCaseOnce(
  store: DocumentStore,
  blobFiles: BlobFiles,
  log: (line: string) => void,
  now: Date = new Date(),
): Promise<string | null> {
  if ((await store.getMarker(DEMO_SEEDED_MARKER)) !== null) return null;
  if (!(await store.isEmpty())) {
    await store.appendAll([], { [DEMO_SEEDED_MARKER]: 'skipped: the data directory already held documents' });
    return null;
  }
  const caseDoc = new Y.Doc();
  const { meta, blobs } = writeDemoCase(caseDoc, now);
  const caseId = newCaseId();
  for (const blob of blobs) {
    await blobFiles.writeBytes(blob.sha256, blob.bytes);
    await store.holdBlob(caseId, blob.sha256);
  }
  const workspace = new Y.Doc();
  putCaseEntry(workspace, caseId, meta);
  const update = Y.encodeStateAsUpdate(caseDoc);
  // The seed is the case's first custody entry, by the server itself; the demo has no owner of its own.
  const custody = makeCustodyEntry(
    null,
    { user: DEMO_AUTHOR, role: 'owner', update, ...summarizeUpdate(update, new Y.Doc()) },
    now,
  );
  await store.appendAll(
    [
      { room: caseId, update, custody, caseRecord: { owner: null, createdAt: now.toISOString() } },
      { room: WORKSPACE_ROOM, update: Y.encodeStateAsUpdate(workspace) },
    ],
    { [DEMO_SEEDED_MARKER]: caseId },
  );
  caseDoc.destroy();
  workspace.destroy();
  log(`Wrote the demo case "${meta.title}" to the new data directory.`);
  return caseId;
}

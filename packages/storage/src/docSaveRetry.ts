import * as Y from 'yjs';
import type { CasefileDatabase } from './database.js';
import { saveRetriesOf } from './saveRetries.js';

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

let guards = 0;

/**
 * Stores again what a loaded document holds when y-dexie failed to store a change of it.
 *
 * y-dexie writes each update of a loaded document as it happens; when that write fails (a full
 * disk) it only reports the error: the change stays in memory, is never written again, and is
 * lost on reload — and a later change that was stored cannot even be read back without it (Yjs
 * keeps it pending). So after a failure this writes the difference between the document and
 * the updates stored for it, as one more update row, retrying with a growing delay until it
 * fits. y-dexie then reads that row like any other (in every window on the case).
 */
export class DocSaveRetry {
  private readonly key = `doc/${++guards}`;

  constructor(
    private readonly db: CasefileDatabase,
    private readonly updatesTable: string,
    private readonly id: string,
    private readonly doc: Y.Doc,
    /** What the app lists while it waits, e.g. "Changes to the case “Astana”". */
    private readonly describe: () => string,
  ) {}

  /** A write of the document failed: store what it holds until that succeeds. */
  failed(error: unknown): void {
    // A destroyed Y.Doc keeps its content, so retries go on after the document is released.
    saveRetriesOf(this.db).keepTrying(this.key, this.describe(), error, () => this.storeMissing());
  }

  private async storeMissing(): Promise<void> {
    const table = this.db.table(this.updatesTable);
    await this.db.transaction('rw', table, async () => {
      const rows: Array<{ u?: unknown }> = await table.where('k').equals(this.id).toArray();
      const stored = rows.map((row) => row.u).filter((update): update is Uint8Array => update instanceof Uint8Array);
      // Only the run of changes stored without gaps counts: Yjs's state vector of a merged update
      // stops at the first missing change, so everything after it is written again.
      const vector =
        stored.length === 0 ? EMPTY_STATE_VECTOR : Y.encodeStateVectorFromUpdateV2(Y.mergeUpdatesV2(stored));
      // Deletions are not in the state vector; the diff carries the document's whole delete set.
      await table.add({ k: this.id, u: Y.encodeStateAsUpdateV2(this.doc, vector), f: 1 });
    });
  }
}

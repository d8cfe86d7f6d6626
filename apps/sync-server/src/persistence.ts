import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ClassicLevel } from 'classic-level';
import * as Y from 'yjs';
import type { CustodyEntry } from './custodyLog.js';

/** Who created a case (its first owner) and when; written with the case's first stored update. */
export interface CaseRecord {
  /** The creator's user name; null for cases from before access control, and the demo case. */
  owner: string | null;
  createdAt: string;
}

/** What is written with an update, in the same atomic batch. */
export interface AppendExtras {
  /** The custody entry recording who sent the update (its seq decides its key). */
  custody?: CustodyEntry;
  /** The case's record, when this update creates the case. */
  caseRecord?: CaseRecord;
}

/**
 * Where the server keeps its documents. The sync code sees only this interface, so that a shared
 * store (Redis, Postgres) can replace the embedded LevelDB when one server is not enough.
 * A store treats updates as opaque Yjs updates: it merges them but never reads case content.
 */
export interface DocumentStore {
  /** A room's stored updates, oldest first; empty for a room never written. */
  loadUpdates(room: string): Promise<Uint8Array[]>;
  /** Resolves only once the update (with its custody entry and case record, if any) is durably stored. */
  append(room: string, update: Uint8Array, extras?: AppendExtras): Promise<void>;
  /** Appends updates to several rooms and sets markers in one atomic write: all of it lands, or none. */
  appendAll(
    entries: ReadonlyArray<{ room: string; update: Uint8Array } & AppendExtras>,
    markers?: Record<string, string>,
  ): Promise<void>;
  /**
   * Replaces a room's stored updates by one merged update. May work in steps; every step leaves a
   * complete set of updates, so a crash or a `close()` between steps loses nothing.
   */
  compact(room: string): Promise<void>;
  /** A named marker (e.g. "the demo case was seeded"), or null when never set. */
  getMarker(name: string): Promise<string | null>;
  /** True when no room has ever been written. */
  isEmpty(): Promise<boolean>;
  /**
   * Records, durably, that case `caseId` holds the blob `sha256` (its bytes are already on disk).
   * A blob is stored once, but read only through a case that holds it. Idempotent.
   */
  holdBlob(caseId: string, sha256: string): Promise<void>;
  /** Whether case `caseId` holds the blob `sha256`. */
  holdsBlob(caseId: string, sha256: string): Promise<boolean>;
  /** A case's custody record, oldest first (custodyLog.ts); never compacted. */
  loadCustody(caseId: string): Promise<CustodyEntry[]>;
  /** The last entry of a case's custody record, or null. */
  lastCustody(caseId: string): Promise<CustodyEntry | null>;
  /** Who created a case, or null when the server has no record of it. */
  getCaseRecord(caseId: string): Promise<CaseRecord | null>;
  /** Finishes background work and closes the store. */
  close(): Promise<void>;
}

export class StoreLockedError extends Error {
  override name = 'StoreLockedError';
}

export interface LevelDocumentStoreOptions {
  /** Compact a room in the background after this many appended updates (default 500). */
  compactAfterUpdates?: number;
  /**
   * Compaction merges at most this many updates per step and yields to the event loop between
   * steps (default 500, at least 2), so that merging thousands of stored updates never holds up
   * the server's sockets for long.
   */
  compactBatchSize?: number;
  /** Called after each compaction step with the number of stored updates it merged into one (tests, metrics). */
  onCompactionStep?: (room: string, mergedUpdates: number) => void;
  /**
   * Write with fsync (LevelDB `sync: true`, the default here), so that a write that resolved
   * survives power loss, not only a crash of this process.
   */
  syncWrites?: boolean;
  log?: (line: string) => void;
}

const UPDATE_PREFIX = 'u/';
const MARKER_PREFIX = 'm/';
// b/<caseId>/<sha256>: the case holds that blob (the value is empty).
const BLOB_HOLD_PREFIX = 'b/';
// k/<caseId>/<seq>: the case's custody entries (JSON), append-only.
const CUSTODY_PREFIX = 'k/';
// c/<caseId>: the case's record (JSON).
const CASE_RECORD_PREFIX = 'c/';
// Fixed-width decimal sequence numbers sort in numeric order as strings.
const SEQUENCE_DIGITS = 15;

function roomPrefix(room: string): string {
  return `${UPDATE_PREFIX}${room}/`;
}

function updateKey(room: string, sequence: number): string {
  return roomPrefix(room) + String(sequence).padStart(SEQUENCE_DIGITS, '0');
}

// Every key of a room lies between its prefix and the prefix followed by a character after '9'.
function roomRange(room: string): { gte: string; lt: string } {
  return { gte: roomPrefix(room), lt: `${roomPrefix(room)}~` };
}

function custodyKey(caseId: string, seq: number): string {
  return `${CUSTODY_PREFIX}${caseId}/${String(seq).padStart(SEQUENCE_DIGITS, '0')}`;
}

function custodyRange(caseId: string): { gte: string; lt: string } {
  return { gte: `${CUSTODY_PREFIX}${caseId}/`, lt: `${CUSTODY_PREFIX}${caseId}/~` };
}

/**
 * LevelDB (classic-level) store: each update is one key `u/<room>/<sequence>`, so appending never
 * rewrites what is there; loading merges a room's updates; compaction replaces them by one.
 */
export class LevelDocumentStore implements DocumentStore {
  private readonly nextSequence = new Map<string, Promise<{ value: number }>>();
  private readonly appendsSinceCompaction = new Map<string, number>();
  private readonly compactions = new Map<string, Promise<void>>();
  private readonly compactAfterUpdates: number;
  private readonly compactBatchSize: number;
  private readonly onCompactionStep: (room: string, mergedUpdates: number) => void;
  private readonly writeOptions: { sync: boolean };
  private readonly log: (line: string) => void;
  /** Set by close(): running compactions stop after their current step. */
  private closing = false;

  private constructor(
    private readonly db: ClassicLevel<string, Uint8Array>,
    options: LevelDocumentStoreOptions,
  ) {
    this.compactAfterUpdates = options.compactAfterUpdates ?? 500;
    this.compactBatchSize = options.compactBatchSize ?? 500;
    this.onCompactionStep = options.onCompactionStep ?? (() => {});
    this.writeOptions = { sync: options.syncWrites ?? true };
    this.log = options.log ?? (() => {});
  }

  /** Opens (creating if needed) the store in `<dataDir>/documents`. */
  static async open(dataDir: string, options: LevelDocumentStoreOptions = {}): Promise<LevelDocumentStore> {
    const batchSize = options.compactBatchSize;
    // Checked before the database is opened, so that a bad option leaves no lock behind.
    if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 2)) {
      throw new RangeError(`compactBatchSize must be a whole number of at least 2, not ${batchSize}.`);
    }
    await mkdir(dataDir, { recursive: true });
    const location = join(dataDir, 'documents');
    const db = new ClassicLevel<string, Uint8Array>(location, { keyEncoding: 'utf8', valueEncoding: 'view' });
    try {
      await db.open();
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      if (cause?.code === 'LEVEL_LOCKED' || (error as { code?: string }).code === 'LEVEL_LOCKED') {
        throw new StoreLockedError(
          `The data directory ${dataDir} is in use by another Casefile sync server. Stop that server or pass another --data directory.`,
        );
      }
      throw new Error(
        `Could not open the document store in ${location}: ${(error as Error).message}. Check that the directory is readable and writable.`,
        { cause: error },
      );
    }
    return new LevelDocumentStore(db, options);
  }

  async loadUpdates(room: string): Promise<Uint8Array[]> {
    const updates = await this.db.values(roomRange(room)).all();
    if (updates.length > this.compactAfterUpdates) this.compactInBackground(room);
    return updates;
  }

  async append(room: string, update: Uint8Array, extras: AppendExtras = {}): Promise<void> {
    await this.appendAll([{ room, update, ...extras }]);
  }

  async appendAll(
    entries: ReadonlyArray<{ room: string; update: Uint8Array } & AppendExtras>,
    markers: Record<string, string> = {},
  ): Promise<void> {
    const batch = this.db.batch();
    const encoder = new TextEncoder();
    for (const { room, update, custody, caseRecord } of entries) {
      const sequence = await this.sequenceFor(room);
      batch.put(updateKey(room, sequence.value++), update);
      // Same batch as the update: a stored change always has its custody entry, and the reverse.
      if (custody) batch.put(custodyKey(room, custody.seq), encoder.encode(JSON.stringify(custody)));
      if (caseRecord) batch.put(CASE_RECORD_PREFIX + room, encoder.encode(JSON.stringify(caseRecord)));
    }
    for (const [name, value] of Object.entries(markers)) {
      batch.put(MARKER_PREFIX + name, new TextEncoder().encode(value));
    }
    await batch.write(this.writeOptions);
    for (const { room } of entries) {
      const count = (this.appendsSinceCompaction.get(room) ?? 0) + 1;
      this.appendsSinceCompaction.set(room, count);
      if (count >= this.compactAfterUpdates) this.compactInBackground(room);
    }
  }

  async compact(room: string): Promise<void> {
    const running = this.compactions.get(room);
    if (running) return running;
    const compaction = this.compactNow(room).finally(() => this.compactions.delete(room));
    this.compactions.set(room, compaction);
    return compaction;
  }

  async getMarker(name: string): Promise<string | null> {
    const value = await this.db.get(MARKER_PREFIX + name);
    return value === undefined ? null : new TextDecoder().decode(value);
  }

  async isEmpty(): Promise<boolean> {
    const keys = await this.db.keys({ gte: UPDATE_PREFIX, lt: 'u0', limit: 1 }).all();
    return keys.length === 0;
  }

  async holdBlob(caseId: string, sha256: string): Promise<void> {
    await this.db.put(`${BLOB_HOLD_PREFIX}${caseId}/${sha256}`, new Uint8Array(0), this.writeOptions);
  }

  async holdsBlob(caseId: string, sha256: string): Promise<boolean> {
    return (await this.db.get(`${BLOB_HOLD_PREFIX}${caseId}/${sha256}`)) !== undefined;
  }

  async loadCustody(caseId: string): Promise<CustodyEntry[]> {
    const values = await this.db.values(custodyRange(caseId)).all();
    return values.map((value) => JSON.parse(new TextDecoder().decode(value)) as CustodyEntry);
  }

  async lastCustody(caseId: string): Promise<CustodyEntry | null> {
    const [value] = await this.db.values({ ...custodyRange(caseId), reverse: true, limit: 1 }).all();
    return value === undefined ? null : (JSON.parse(new TextDecoder().decode(value)) as CustodyEntry);
  }

  async getCaseRecord(caseId: string): Promise<CaseRecord | null> {
    const value = await this.db.get(CASE_RECORD_PREFIX + caseId);
    return value === undefined ? null : (JSON.parse(new TextDecoder().decode(value)) as CaseRecord);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.compactions.values()]);
    await this.db.close();
  }

  private compactInBackground(room: string): void {
    this.appendsSinceCompaction.set(room, 0);
    this.compact(room).catch((error) =>
      this.log(`Compacting room ${room} failed (its updates are kept as they were): ${(error as Error).message}`),
    );
  }

  /**
   * Merges the room's updates present when compaction starts, in steps of at most
   * `compactBatchSize` consecutive updates: a step merges its updates into the key of the newest of
   * them and deletes the others, in one atomic batch, then yields to the event loop. One pass over
   * the room leaves one update per step; passes repeat until one update is left. Updates appended
   * meanwhile get keys above the bound taken at the start and are left alone, so compaction can
   * run beside appends. Every step leaves a complete set of updates, so stopping between steps
   * (a crash, `close()`) loses nothing; the next compaction carries on from there.
   */
  private async compactNow(room: string): Promise<void> {
    const [bound] = await this.db.keys({ ...roomRange(room), reverse: true, limit: 1 }).all();
    if (bound === undefined) return;
    for (;;) {
      const steps = await this.compactionPass(room, bound);
      // One step (or none) covered everything up to the bound: at most one update is left.
      if (steps <= 1 || this.closing) return;
    }
  }

  /** One pass over the room's keys up to `bound`; returns how many steps it took. */
  private async compactionPass(room: string, bound: string): Promise<number> {
    let steps = 0;
    let after: string | null = null;
    while (!this.closing) {
      const from: { gt: string } | { gte: string } = after === null ? { gte: roomPrefix(room) } : { gt: after };
      const entries: Array<[string, Uint8Array]> = await this.db
        .iterator({ ...from, lte: bound, limit: this.compactBatchSize })
        .all();
      const lastKey = entries[entries.length - 1]?.[0];
      if (lastKey === undefined) break;
      steps++;
      after = lastKey;
      if (entries.length < 2) continue;
      const merged = Y.mergeUpdates(entries.map(([, update]) => update));
      const batch = this.db.batch();
      for (const [key] of entries.slice(0, -1)) batch.del(key);
      batch.put(lastKey, merged);
      await batch.write(this.writeOptions);
      this.onCompactionStep(room, entries.length);
      // The merge is synchronous CPU work: let sockets and appends run before the next one.
      await nextTurn();
    }
    return steps;
  }

  private sequenceFor(room: string): Promise<{ value: number }> {
    let sequence = this.nextSequence.get(room);
    if (!sequence) {
      sequence = this.db
        .keys({ ...roomRange(room), reverse: true, limit: 1 })
        .all()
        .then(([lastKey]) => ({ value: lastKey ? Number(lastKey.slice(roomPrefix(room).length)) + 1 : 0 }));
      // A failed read is not remembered: the next append tries again.
      sequence.catch(() => this.nextSequence.delete(room));
      this.nextSequence.set(room, sequence);
    }
    return sequence;
  }
}

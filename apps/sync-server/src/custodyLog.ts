import { createHash } from 'node:crypto';
import * as Y from 'yjs';

/**
 * The custody record: per case, an append-only, hash-chained log of which authenticated user's
 * connection changed what and when. The server writes one entry per update it stores, in the same
 * LevelDB batch as the update (so it is on disk before anyone sees the change); clients can read
 * it (`GET /cases/<id>/custody`), never write it. Each entry's `hash` covers every other field and
 * the previous entry's hash, so changing, removing or reordering any past entry breaks the chain
 * from there on (verifyCustodyChain). The in-document activity feed is a convenience; this is
 * the record no collaborator can alter.
 */
export interface CustodySummary {
  /** Top-level types the update wrote to or deleted from (e.g. "meta", "claims", "notes"). */
  roots: string[];
  /** Keys of top-level maps it touched, as "root/key" (e.g. "meta/title", "claims/<claim id>"). */
  keys: string[];
  /** Structs (insertions) the update carries. */
  inserted: number;
  /** Deleted ranges the update carries. */
  deleted: number;
  /** Yjs client ids that wrote the insertions. */
  clients: number[];
}

export interface CustodyEntry {
  /** 0, 1, 2, … per case. */
  seq: number;
  /** The authenticated user (`sub` of the connection's token) who sent the update. */
  user: string;
  role: string;
  /** When the server stored it (ISO 8601). */
  serverTime: string;
  /**
   * When the client says the change was made (ISO 8601), from the update's own content: the
   * latest activity-log entry's `at` it carries, else a `meta.updatedAt` it sets; null when it
   * carries neither. Differs from serverTime for edits made offline. The client's claim, not proof.
   */
  clientTime: string | null;
  summary: CustodySummary;
  /** SHA-256 of the stored update's bytes (hex). */
  updateHash: string;
  /** The previous entry's hash; GENESIS_HASH for the first. */
  prevHash: string;
  /** SHA-256 (hex) of this entry's other fields, in this order, as JSON. */
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The hash of an entry: its fields other than `hash`, in a fixed order, as JSON. */
export function custodyEntryHash(entry: Omit<CustodyEntry, 'hash'>): string {
  const { seq, user, role, serverTime, clientTime, summary, updateHash, prevHash } = entry;
  const canonical = JSON.stringify([
    seq,
    user,
    role,
    serverTime,
    clientTime,
    [summary.roots, summary.keys, summary.inserted, summary.deleted, summary.clients],
    updateHash,
    prevHash,
  ]);
  return sha256Hex(canonical);
}

/** The entry following `previous` (null: the case's first) for an update stored now. */
export function makeCustodyEntry(
  previous: Pick<CustodyEntry, 'seq' | 'hash'> | null,
  fields: { user: string; role: string; update: Uint8Array; summary: CustodySummary; clientTime: string | null },
  now: Date = new Date(),
): CustodyEntry {
  const entry: Omit<CustodyEntry, 'hash'> = {
    seq: previous ? previous.seq + 1 : 0,
    user: fields.user,
    role: fields.role,
    serverTime: now.toISOString(),
    clientTime: fields.clientTime,
    summary: fields.summary,
    updateHash: sha256Hex(fields.update),
    prevHash: previous ? previous.hash : GENESIS_HASH,
  };
  return { ...entry, hash: custodyEntryHash(entry) };
}

export type CustodyVerification =
  | { valid: true; entries: number; lastHash: string }
  /** `brokenAt`: the seq (position) of the first entry that does not fit the chain. */
  | { valid: false; entries: number; brokenAt: number; reason: string };

/** Checks that every entry hashes to its `hash`, points at the one before and is numbered in order. */
export function verifyCustodyChain(entries: readonly CustodyEntry[]): CustodyVerification {
  let prevHash = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    const broken = (reason: string): CustodyVerification => ({
      valid: false,
      entries: entries.length,
      brokenAt: index,
      reason,
    });
    if (entry.seq !== index) return broken(`entry ${index} is numbered ${entry.seq}`);
    if (entry.prevHash !== prevHash) return broken(`entry ${index} does not follow the entry before it`);
    if (custodyEntryHash(entry) !== entry.hash) return broken(`entry ${index} was changed after it was written`);
    prevHash = entry.hash;
  }
  return { valid: true, entries: entries.length, lastHash: prevHash };
}

/** What a custody reader needs of a store (DocumentStore has it). */
export interface CustodySource {
  loadCustody(caseId: string): Promise<CustodyEntry[]>;
}

/**
 * A case's custody record and whether its chain holds; for the dossier exporter (the manifest
 * carries `lastHash`) and the custody endpoint.
 */
export async function readCustody(
  store: CustodySource,
  caseId: string,
): Promise<{ entries: CustodyEntry[]; verification: CustodyVerification; lastHash: string }> {
  const entries = await store.loadCustody(caseId);
  const verification = verifyCustodyChain(entries);
  return { entries, verification, lastHash: entries.at(-1)?.hash ?? GENESIS_HASH };
}

// Looking up a struct's parent is bounded: a summary must stay cheap whatever an update holds.
const MAX_SUMMARIZED_STRUCTS = 2000;
const MAX_LISTED = 50;

type Place = { root: string; key: string | null };
type DecodedItem = Y.Item;

function isId(value: unknown): value is Y.ID {
  return typeof value === 'object' && value !== null && 'client' in value && 'clock' in value;
}

/** Where an item of the server's document sits: its root type's name and the key under that root. */
function placeOfDocItem(item: Y.Item): Place | null {
  let type = item.parent as Y.AbstractType<unknown> | null;
  let key = item.parentSub;
  for (let depth = 0; type && type._item !== null && depth < 1000; depth++) {
    key = type._item.parentSub;
    type = type._item.parent as Y.AbstractType<unknown> | null;
  }
  if (!type) return null;
  try {
    return { root: Y.findRootTypeKey(type), key };
  } catch {
    return null;
  }
}

/**
 * The items of updates stored in one batch ahead of the one being summarised: not yet applied to
 * the server's document, yet the next update of the batch may attach to them (a typed word is one
 * update per keystroke, each after the one before).
 */
export class PendingItems {
  private readonly byClient = new Map<number, DecodedItem[]>();

  add(items: Iterable<DecodedItem>): void {
    for (const item of items) {
      const list = this.byClient.get(item.id.client) ?? [];
      list.push(item);
      this.byClient.set(item.id.client, list);
    }
  }

  find(id: Y.ID): DecodedItem | null {
    return (
      this.byClient
        .get(id.client)
        ?.find((item) => id.clock >= item.id.clock && id.clock < item.id.clock + item.length) ?? null
    );
  }
}

/**
 * Summarises an update for the custody record from its structure: which top-level types and keys
 * it touched (read from the update, from updates stored with it in the same batch, or from the
 * server's document for items it attaches to), how many insertions and deletions, and the client's
 * own time for the change. Reads no text. With `pending`, the update's items are added to it.
 */
export function summarizeUpdate(
  update: Uint8Array,
  doc: Y.Doc,
  pending?: PendingItems,
): { summary: CustodySummary; clientTime: string | null } {
  const { structs, ds } = Y.decodeUpdate(update);
  const items = structs.filter((struct): struct is DecodedItem => struct instanceof Y.Item);
  const own = new PendingItems();
  own.add(items);
  const findInUpdate = (id: Y.ID): DecodedItem | null => own.find(id) ?? pending?.find(id) ?? null;
  const findInDoc = (id: Y.ID): Y.Item | null => {
    try {
      const struct = Y.getItem(doc.store, id);
      return struct instanceof Y.Item ? struct : null;
    } catch {
      return null;
    }
  };
  const placeOf = (item: DecodedItem, depth = 0): Place | null => {
    if (depth > 200) return null;
    if (typeof item.parent === 'string') return { root: item.parent, key: item.parentSub };
    const via = isId(item.parent) ? item.parent : (item.origin ?? item.rightOrigin);
    if (!isId(via)) return null;
    const inUpdate = findInUpdate(via);
    // A parent or a sibling has the item's root and top-level key.
    if (inUpdate && inUpdate !== item) return placeOf(inUpdate, depth + 1);
    const inDoc = findInDoc(via);
    return inDoc ? placeOfDocItem(inDoc) : null;
  };

  const roots = new Set<string>();
  const keys = new Set<string>();
  const clients = new Set<number>();
  let latestLogTime: string | null = null;
  let updatedAt: string | null = null;
  let inserted = 0;
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    inserted++;
    clients.add(struct.id.client);
    if (inserted > MAX_SUMMARIZED_STRUCTS) continue;
    const place = placeOf(struct);
    if (!place) continue;
    roots.add(place.root);
    if (place.key !== null) keys.add(`${place.root}/${place.key}`);
    const content = struct.content;
    if (content instanceof Y.ContentAny) {
      if (place.root === 'log') {
        for (const value of content.arr) {
          const at = (value as { at?: unknown } | null)?.at;
          if (
            typeof at === 'string' &&
            !Number.isNaN(Date.parse(at)) &&
            (latestLogTime === null || at > latestLogTime)
          ) {
            latestLogTime = at;
          }
        }
      } else if (place.root === 'meta' && struct.parentSub === 'updatedAt' && typeof content.arr[0] === 'string') {
        updatedAt = content.arr[0];
      }
    }
  }
  let deleted = 0;
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      deleted++;
      if (deleted > MAX_SUMMARIZED_STRUCTS) continue;
      const id = Y.createID(client, range.clock);
      const item = findInDoc(id);
      const pendingItem = item ? null : (pending?.find(id) ?? null);
      const place = item ? placeOfDocItem(item) : pendingItem ? placeOf(pendingItem) : null;
      if (!place) continue;
      roots.add(place.root);
      if (place.key !== null) keys.add(`${place.root}/${place.key}`);
    }
  }
  pending?.add(items);
  const clientTime = latestLogTime ?? (updatedAt !== null && !Number.isNaN(Date.parse(updatedAt)) ? updatedAt : null);
  return {
    summary: {
      roots: [...roots].sort().slice(0, MAX_LISTED),
      keys: [...keys].sort().slice(0, MAX_LISTED),
      inserted,
      deleted,
      clients: [...clients].sort((a, b) => a - b).slice(0, MAX_LISTED),
    },
    clientTime: clientTime === null ? null : new Date(Date.parse(clientTime)).toISOString(),
  };
}

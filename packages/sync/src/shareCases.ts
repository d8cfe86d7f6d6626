import type * as Y from 'yjs';
import { leaseSocket, type RoomLease, type SyncClient } from './syncClient.js';

/** Sync failed in a way the caller should show; the message says what to do. */
export class SyncError extends Error {
  override name = 'SyncError';
}

export interface LoadedDoc {
  doc: Y.Doc;
  release(): void;
}

export interface ShareCasesOptions {
  /** Cases synced at the same time (default 4). */
  concurrency?: number;
  /** Stops waiting: cases not yet shared are released and the promise rejects. */
  signal?: AbortSignal;
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new SyncError('Sharing cases was cancelled.');
}

function whenSynced(lease: RoomLease, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const finish = (error?: Error) => {
      stop();
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => finish(signal ? abortError(signal) : undefined);
    const check = (status: string) => {
      if (status === 'synced') finish();
      // A refused case never syncs: say why instead of waiting forever.
      else if (status === 'refused') finish(new SyncError(lease.refusal.get() ?? 'The server refused this case.'));
    };
    const stop = lease.status.subscribe(check);
    signal?.addEventListener('abort', onAbort);
    check(lease.status.get());
  });
}

/**
 * Synced means the server has answered our sync step 1, and our own state went out before that
 * answer arrived; wait until the socket has handed it to the network before closing it.
 */
async function whenSent(lease: RoomLease): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const socket = leaseSocket(lease);
    if (!socket || socket.bufferedAmount === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Pushes local cases to the client's server: each case is connected until it has synced once,
 * then released. Used when a server is first configured, so that cases made offline reach it.
 * Waits (while offline, too) until every case has synced; rejects with a SyncError naming the
 * cases that could not be loaded or shared.
 */
export async function shareCases(
  client: SyncClient,
  ids: string[],
  loadDoc: (id: string) => Promise<LoadedDoc>,
  options: ShareCasesOptions = {},
): Promise<void> {
  if (client.serverUrl === null) {
    throw new SyncError('No sync server is set, so cases cannot be shared. Set one in Settings first.');
  }
  const queue = [...new Set(ids)];
  const failures: Array<{ id: string; error: unknown }> = [];
  const shareOne = async (id: string) => {
    const loaded = await loadDoc(id);
    try {
      const lease = client.acquire(id, loaded.doc);
      try {
        await whenSynced(lease, options.signal);
        await whenSent(lease);
      } finally {
        lease.release();
      }
    } finally {
      loaded.release();
    }
  };
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (options.signal?.aborted) return;
      try {
        await shareOne(id);
      } catch (error) {
        failures.push({ id, error });
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, queue.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (options.signal?.aborted) throw abortError(options.signal);
  if (failures.length > 0) {
    const first = failures[0]?.error;
    const detail = first instanceof Error ? first.message : String(first);
    throw new SyncError(
      `${failures.length} of ${ids.length} cases could not be shared (${failures.map((f) => f.id).join(', ')}): ${detail} They stay in this browser; try again later.`,
      { cause: new AggregateError(failures.map((f) => f.error)) },
    );
  }
}

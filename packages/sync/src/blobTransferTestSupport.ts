// Helpers for the blob transfer's tests in Node: a blob store in memory (Node has no IndexedDB)
// that behaves like @casefile/storage's — stores by hash, verifies on every read (IntegrityError),
// queues uploads once per case and hash, tells watchers about outbox changes — and real sync
// servers, optionally with their blob records instrumented.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntegrityError, sha256Hex } from '@casefile/storage';
import {
  type DocumentStore,
  LevelDocumentStore,
  type RunningServer,
  type ServerOptions,
  startServer,
} from '@casefile/sync-server';
import type { BlobStoreLike } from './blobTransfer.js';
import { registerTestServer } from './testSupport.js';

const cleanups: Array<() => unknown> = [];

function onCleanup(task: () => unknown): void {
  cleanups.push(task);
}

/** Closes the servers and removes the directories of this module's helpers, newest first. */
export async function cleanUpBlobServers(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()?.();
}

interface Row {
  blob: Blob;
  mime: string;
  state: 'local' | 'uploaded';
}

export class MemoryBlobStore implements BlobStoreLike {
  readonly rows = new Map<string, Row>();
  readonly outbox: Array<{ id: number; caseId: string; sha256: string }> = [];
  private nextId = 1;
  private readonly watchers = new Set<() => void>();

  async getBlob(sha256: string): Promise<Blob | null> {
    const row = this.rows.get(sha256);
    if (!row) return null;
    const actual = await sha256Hex(row.blob);
    if (actual !== sha256) throw new IntegrityError(sha256, actual);
    return row.blob;
  }

  async putBlob(caseId: string, bytes: Blob, mime: string, options: { uploaded?: boolean } = {}) {
    const sha256 = await sha256Hex(bytes);
    const existing = this.rows.get(sha256);
    this.rows.set(sha256, {
      blob: bytes,
      mime,
      state: options.uploaded || existing?.state === 'uploaded' ? 'uploaded' : 'local',
    });
    if (!options.uploaded && !this.outbox.some((entry) => entry.caseId === caseId && entry.sha256 === sha256)) {
      this.outbox.push({ id: this.nextId++, caseId, sha256 });
      this.notify();
    }
    return { sha256, size: bytes.size, mime };
  }

  async listOutbox() {
    return this.outbox.map((entry) => ({ ...entry }));
  }

  async markUploaded(id: number): Promise<void> {
    const index = this.outbox.findIndex((entry) => entry.id === id);
    if (index < 0) return;
    const [entry] = this.outbox.splice(index, 1);
    const row = entry ? this.rows.get(entry.sha256) : undefined;
    if (row) row.state = 'uploaded';
    this.notify();
  }

  watchOutbox(listener: () => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  /** Changes stored bytes behind the store's back (a damaged disk). */
  tamper(sha256: string, bytes: Blob): void {
    const row = this.rows.get(sha256);
    if (row) row.blob = bytes;
  }

  private notify(): void {
    for (const watcher of [...this.watchers]) watcher();
  }
}

/** A real sync server on 127.0.0.1 for the transfer tests, with its data directory and options. */
export async function startBlobServer(
  options: Partial<ServerOptions> = {},
): Promise<RunningServer & { dataDir: string; close(): Promise<void> }> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'casefile-blob-transfer-test-')));
  if (!options.dataDir) onCleanup(() => rm(dataDir, { recursive: true, force: true }));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    webRoot: null,
    seedDemo: false,
    log: () => {},
    ...options,
    dataDir,
  });
  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= server.close();
    return closed;
  };
  onCleanup(close);
  await registerTestServer(server);
  return { ...server, dataDir, close };
}

/** A store whose blob records the test can watch and make fail, around the server's real LevelDB store. */
export function instrumentedStore(hooks: {
  holdBlob?: (caseId: string, sha256: string) => void | Promise<void>;
  holdsBlob?: (caseId: string, sha256: string) => void;
}): ServerOptions['openStore'] {
  return async (dataDir: string) => {
    const store = await LevelDocumentStore.open(dataDir);
    return Object.assign(Object.create(store) as DocumentStore, {
      holdBlob: async (caseId: string, sha256: string) => {
        await hooks.holdBlob?.(caseId, sha256);
        await store.holdBlob(caseId, sha256);
      },
      holdsBlob: async (caseId: string, sha256: string) => {
        hooks.holdsBlob?.(caseId, sha256);
        return store.holdsBlob(caseId, sha256);
      },
    });
  };
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

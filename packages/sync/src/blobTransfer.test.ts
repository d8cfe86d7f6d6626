import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newCaseId, ValidationError } from '@casefile/model';
import { afterEach, describe, expect, it } from 'vitest';
import { type BlobProgress, BlobTransfer, type BlobTransferOptions } from './blobTransfer.js';
import {
  cleanUpBlobServers,
  instrumentedStore,
  MemoryBlobStore,
  sha256Of,
  startBlobServer,
} from './blobTransferTestSupport.js';
import { SyncError } from './shareCases.js';
import { cleanUp, OnlineSwitch, testAuthHeaders, until } from './testSupport.js';

const transfers: BlobTransfer[] = [];
afterEach(async () => {
  for (const transfer of transfers.splice(0)) transfer.destroy();
  await cleanUpBlobServers();
  await cleanUp();
});

function makeTransfer(options: Partial<BlobTransferOptions> & { db: MemoryBlobStore }) {
  const online = new OnlineSwitch();
  const transfer: BlobTransfer = new BlobTransfer({
    serverUrl: null,
    onlineSource: online,
    retryDelay: { initialMs: 40, maxMs: 400 },
    headers: () => testAuthHeaders(transfer.serverUrl),
    ...options,
  });
  transfers.push(transfer);
  return { transfer, online };
}

function bytesBlob(bytes: Uint8Array): Blob {
  return new Blob([new Uint8Array(bytes)]);
}

async function onServer(url: string, caseId: string, sha: string): Promise<Uint8Array | null> {
  const response = await fetch(`${url}/cases/${caseId}/blobs/${sha}`, { headers: testAuthHeaders(url) });
  return response.status === 200 ? new Uint8Array(await response.arrayBuffer()) : null;
}

describe('uploading the outbox', () => {
  it('uploads queued blobs to the server, marks them uploaded, and counts what is waiting', async () => {
    const server = await startBlobServer();
    const store = new MemoryBlobStore();
    const caseId = newCaseId();
    const first = new Uint8Array(randomBytes(300_000));
    const second = new TextEncoder().encode('The Ministry of Defence quickly issued a public denial.');
    await store.putBlob(caseId, bytesBlob(first), 'image/png');
    await store.putBlob(caseId, bytesBlob(second), 'text/plain');

    const { transfer } = makeTransfer({ db: store, serverUrl: server.url });
    const seen: number[] = [];
    transfer.status.subscribe((status) => seen.push(status.waiting));
    await until(() => transfer.status.get().waiting === 0 && store.outbox.length === 0, 'the outbox never emptied');
    expect(seen[0]).toBe(2);
    expect(seen.at(-1)).toBe(0);
    expect(store.rows.get(sha256Of(first))?.state).toBe('uploaded');
    expect(sha256Of((await onServer(server.url, caseId, sha256Of(first))) ?? new Uint8Array())).toBe(sha256Of(first));
    expect(new TextDecoder().decode((await onServer(server.url, caseId, sha256Of(second))) ?? undefined)).toBe(
      'The Ministry of Defence quickly issued a public denial.',
    );

    // A blob stored later is noticed through the store's outbox watch.
    const later = new TextEncoder().encode('captured later');
    await store.putBlob(caseId, bytesBlob(later), 'text/plain');
    await until(() => store.outbox.length === 0, 'the later blob was never uploaded');
    expect(await onServer(server.url, caseId, sha256Of(later))).not.toBeNull();
    expect(transfer.status.get()).toEqual({ waiting: 0, failed: [] });
  });

  it('waits while there is no server or no network, then uploads', async () => {
    const server = await startBlobServer();
    const store = new MemoryBlobStore();
    const caseId = newCaseId();
    const bytes = new TextEncoder().encode('field notes');
    await store.putBlob(caseId, bytesBlob(bytes), 'text/plain');
    const { transfer, online } = makeTransfer({ db: store, serverUrl: null });
    await until(() => transfer.status.get().waiting === 1, 'the waiting upload was never counted');

    online.set(false);
    transfer.setServer(server.url);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(store.outbox).toHaveLength(1);
    expect(await onServer(server.url, caseId, sha256Of(bytes))).toBeNull();

    online.set(true);
    await until(() => store.outbox.length === 0, 'nothing was uploaded once back online');
    expect(await onServer(server.url, caseId, sha256Of(bytes))).not.toBeNull();
  });

  it('counts what waits per case, and tells a case only of its own files', async () => {
    const store = new MemoryBlobStore();
    const caseA = newCaseId();
    const caseB = newCaseId();
    await store.putBlob(caseA, bytesBlob(new TextEncoder().encode('screenshot of the post')), 'text/plain');
    await store.putBlob(caseA, bytesBlob(new TextEncoder().encode('archived page')), 'text/plain');
    await store.putBlob(caseB, bytesBlob(new TextEncoder().encode('another case')), 'text/plain');
    const { transfer } = makeTransfer({ db: store, serverUrl: null });
    const waitingA = transfer.waitingForCase(caseA);
    const waitingB = transfer.waitingForCase(caseB);
    const seenA: number[] = [];
    const seenB: number[] = [];
    waitingA.subscribe((count) => seenA.push(count));
    waitingB.subscribe((count) => seenB.push(count));
    await until(() => transfer.status.get().waiting === 3, 'the queued uploads were never counted');
    expect([waitingA.get(), waitingB.get(), transfer.waitingForCase(newCaseId()).get()]).toEqual([2, 1, 0]);

    const server = await startBlobServer();
    transfer.setServer(server.url);
    await until(() => transfer.status.get().waiting === 0, 'the outbox never emptied');
    expect([waitingA.get(), waitingB.get()]).toEqual([0, 0]);
    // Each case heard its own counts going down, and nothing about the other's.
    expect(seenA).toEqual([2, 1, 0]);
    expect(seenB).toEqual([1, 0]);
  });

  it('retries with a growing delay while the server fails, then succeeds', async () => {
    const attempts: number[] = [];
    const server = await startBlobServer({
      openStore: instrumentedStore({
        holdBlob: () => {
          attempts.push(Date.now());
          if (attempts.length <= 3) throw new Error('disk busy');
        },
      }),
    });
    const store = new MemoryBlobStore();
    const caseId = newCaseId();
    const bytes = new TextEncoder().encode('stored on the fourth try');
    await store.putBlob(caseId, bytesBlob(bytes), 'text/plain');
    const { transfer } = makeTransfer({
      db: store,
      serverUrl: server.url,
      retryDelay: { initialMs: 100, maxMs: 1000 },
    });
    await until(
      () => store.outbox.length === 0 && transfer.status.get().waiting === 0,
      'the upload never succeeded',
      10_000,
    );
    expect(attempts).toHaveLength(4);
    const gaps = attempts.slice(1).map((at, i) => at - (attempts[i] ?? at));
    // 100 ms, 200 ms, 400 ms (timers may run a little late, never early).
    expect(gaps[0]).toBeGreaterThanOrEqual(95);
    expect(gaps[1]).toBeGreaterThanOrEqual(195);
    expect(gaps[2]).toBeGreaterThanOrEqual(395);
    expect(transfer.status.get().failed).toEqual([]);
  });

  it('keeps retrying while the server is down and uploads once it is back', async () => {
    const first = await startBlobServer();
    const { port, dataDir } = first;
    await first.close();
    const store = new MemoryBlobStore();
    const caseId = newCaseId();
    const bytes = new TextEncoder().encode('uploaded after the restart');
    await store.putBlob(caseId, bytesBlob(bytes), 'text/plain');
    const { transfer } = makeTransfer({ db: store, serverUrl: first.url });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(transfer.status.get().waiting).toBe(1);

    const again = await startBlobServer({ port, dataDir });
    await until(() => store.outbox.length === 0, 'the upload never reached the restarted server', 10_000);
    expect(await onServer(again.url, caseId, sha256Of(bytes))).not.toBeNull();
  });

  it('reports an upload the server refuses for good, stops retrying it, and tries again on request', async () => {
    let stores = 0;
    const server = await startBlobServer({
      maxBlobBytes: 1024,
      openStore: instrumentedStore({ holdBlob: () => void stores++ }),
    });
    const store = new MemoryBlobStore();
    const caseId = newCaseId();
    const big = new Uint8Array(randomBytes(4096));
    const small = new TextEncoder().encode('small enough');
    await store.putBlob(caseId, bytesBlob(big), 'image/png');
    await store.putBlob(caseId, bytesBlob(small), 'text/plain');
    const { transfer } = makeTransfer({ db: store, serverUrl: server.url });

    await until(() => transfer.status.get().failed.length === 1, 'the refusal was never reported');
    await until(() => transfer.status.get().waiting === 1, 'the small file was held up by the big one');
    expect(transfer.status.get().failed).toEqual([
      {
        caseId,
        sha256: sha256Of(big),
        message: 'The file is larger than this server accepts (at most 1 KiB). Nothing was stored.',
      },
    ]);
    expect(stores).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(store.outbox.map((entry) => entry.sha256)).toEqual([sha256Of(big)]);

    await transfer.uploadNow();
    expect(transfer.status.get().failed).toHaveLength(1);
    expect(transfer.status.get().waiting).toBe(1);
  });

  it('never uploads a local copy that changed since capture', async () => {
    const server = await startBlobServer();
    const store = new MemoryBlobStore();
    const caseId = newCaseId();
    const bytes = new TextEncoder().encode('the original');
    const { sha256 } = await store.putBlob(caseId, bytesBlob(bytes), 'text/plain');
    store.tamper(sha256, new Blob(['the altered']));
    const { transfer } = makeTransfer({ db: store, serverUrl: server.url });
    await until(() => transfer.status.get().failed.length === 1, 'the damaged copy was not reported');
    expect(transfer.status.get().failed[0]?.message).toBe(
      'This file changed since it was captured (its SHA-256 no longer matches). The original is kept on the server; re-download or report it.',
    );
    expect(await onServer(server.url, caseId, sha256)).toBeNull();
  });
});

describe('fetching a blob', () => {
  it('downloads with progress, verifies the hash, and stores the bytes as uploaded', async () => {
    const server = await startBlobServer();
    const caseId = newCaseId();
    const bytes = new Uint8Array(randomBytes(5 * 1024 * 1024 + 11));
    const sha = sha256Of(bytes);
    const uploader = new MemoryBlobStore();
    await uploader.putBlob(caseId, bytesBlob(bytes), 'video/mp4');
    makeTransfer({ db: uploader, serverUrl: server.url });
    await until(() => uploader.outbox.length === 0, 'the upload never finished', 10_000);

    const reader = new MemoryBlobStore();
    const { transfer } = makeTransfer({ db: reader, serverUrl: server.url });
    const progress: BlobProgress[] = [];
    const blob = await transfer.fetchBlob(caseId, sha, (p) => progress.push(p), 'video/mp4');
    expect(blob.size).toBe(bytes.byteLength);
    expect(blob.type).toBe('video/mp4');
    expect(sha256Of(new Uint8Array(await blob.arrayBuffer()))).toBe(sha);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress[0]).toEqual({ received: 0, total: bytes.byteLength });
    expect(progress.at(-1)).toEqual({ received: bytes.byteLength, total: bytes.byteLength });
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]?.received).toBeGreaterThanOrEqual(progress[i - 1]?.received ?? 0);
    }
    expect(reader.rows.get(sha)).toMatchObject({ mime: 'video/mp4', state: 'uploaded' });
    expect(reader.outbox).toEqual([]);

    // Now local: no second download.
    const again: BlobProgress[] = [];
    await transfer.fetchBlob(caseId, sha, (p) => again.push(p));
    expect(again).toEqual([{ received: bytes.byteLength, total: bytes.byteLength }]);
  });

  it('shares one download between concurrent requests for the same blob', async () => {
    let reads = 0;
    const server = await startBlobServer({ openStore: instrumentedStore({ holdsBlob: () => void reads++ }) });
    const caseId = newCaseId();
    const bytes = new Uint8Array(randomBytes(2 * 1024 * 1024));
    const sha = sha256Of(bytes);
    const put = await fetch(`${server.url}/cases/${caseId}/blobs/${sha}`, {
      method: 'PUT',
      body: bytes,
      headers: testAuthHeaders(server.url),
    });
    expect(put.status).toBe(201);
    reads = 0;

    const store = new MemoryBlobStore();
    const { transfer } = makeTransfer({ db: store, serverUrl: server.url });
    const firstProgress: BlobProgress[] = [];
    const secondProgress: BlobProgress[] = [];
    const first = transfer.fetchBlob(caseId, sha, (p) => firstProgress.push(p));
    const second = transfer.fetchBlob(caseId, sha, (p) => secondProgress.push(p));
    expect(second).toBe(first);
    const [a, b] = await Promise.all([first, second]);
    expect(a).toBe(b);
    expect(reads).toBe(1);
    expect(firstProgress.at(-1)).toEqual({ received: bytes.byteLength, total: bytes.byteLength });
    expect(secondProgress.at(-1)).toEqual({ received: bytes.byteLength, total: bytes.byteLength });
  });

  it('says clearly when the server does not have the blob, and stores nothing', async () => {
    const server = await startBlobServer();
    const store = new MemoryBlobStore();
    const { transfer } = makeTransfer({ db: store, serverUrl: server.url });
    const sha = sha256Of(new TextEncoder().encode('never uploaded'));
    const failure = await transfer.fetchBlob(newCaseId(), sha).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SyncError);
    expect((failure as Error).message).toBe(
      'This file is not on the sync server yet: whoever captured it has not uploaded it (they may be offline). Try again later.',
    );
    expect(store.rows.size).toBe(0);
  });

  it('refuses bytes from the server that do not match the hash, storing nothing', async () => {
    const server = await startBlobServer();
    const caseId = newCaseId();
    const bytes = new TextEncoder().encode('the genuine photo caption');
    const sha = sha256Of(bytes);
    expect(
      (
        await fetch(`${server.url}/cases/${caseId}/blobs/${sha}`, {
          method: 'PUT',
          body: bytes,
          headers: testAuthHeaders(server.url),
        })
      ).status,
    ).toBe(201);
    // The server's copy is damaged on its disk (the server does not re-hash on every read; clients do).
    const forged = new TextEncoder().encode('the forged photo caption');
    await writeFile(join(server.dataDir, 'blobs', sha.slice(0, 2), sha), forged);

    const store = new MemoryBlobStore();
    const { transfer } = makeTransfer({ db: store, serverUrl: server.url });
    const failure = await transfer.fetchBlob(caseId, sha).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SyncError);
    expect((failure as Error).message).toBe(
      `The file downloaded from the sync server does not match its SHA-256 (got ${sha256Of(forged)}). Nothing was stored; try again, and report it if it keeps happening.`,
    );
    expect(store.rows.size).toBe(0);
  });

  it('replaces a damaged local copy with the original from the server', async () => {
    const server = await startBlobServer();
    const caseId = newCaseId();
    const bytes = new TextEncoder().encode('Russian-Kazakh relations are at a high level');
    const store = new MemoryBlobStore();
    const { sha256 } = await store.putBlob(caseId, bytesBlob(bytes), 'text/plain');
    const { transfer } = makeTransfer({ db: store, serverUrl: server.url });
    await until(() => store.outbox.length === 0, 'the upload never finished');
    store.tamper(sha256, new Blob(['Russian-Kazakh relations are at a low level']));
    await expect(store.getBlob(sha256)).rejects.toThrow(/changed since it was captured/);

    const repaired = await transfer.fetchBlob(caseId, sha256, undefined, 'text/plain');
    expect(await repaired.text()).toBe('Russian-Kazakh relations are at a high level');
    expect(await (await store.getBlob(sha256))?.text()).toBe('Russian-Kazakh relations are at a high level');
  });

  it('refuses bad input, and explains when there is no server or no network', async () => {
    const store = new MemoryBlobStore();
    const { transfer, online } = makeTransfer({ db: store, serverUrl: null });
    const sha = sha256Of(new TextEncoder().encode('x'));
    await expect(transfer.fetchBlob('nope', sha)).rejects.toThrow(ValidationError);
    await expect(transfer.fetchBlob(newCaseId(), sha.toUpperCase())).rejects.toThrow(/Not a SHA-256/);
    await expect(transfer.fetchBlob(newCaseId(), sha)).rejects.toThrow(/no sync server is set/);
    const server = await startBlobServer();
    transfer.setServer(server.url);
    online.set(false);
    await expect(transfer.fetchBlob(newCaseId(), sha)).rejects.toThrow(/once you are online again/);
    expect(() => transfer.setServer('ftp://example.org')).toThrow(ValidationError);
  });
});

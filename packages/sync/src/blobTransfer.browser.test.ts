// Two investigators' browsers, each with its own IndexedDB: one captures a file, the transfer
// uploads it to the real sync server; the other downloads it with progress and gets the same bytes.
import { newCaseId } from '@casefile/model';
import { type CasefileDatabase, getBlob, listOutbox, openDatabase, putBlob, sha256Hex } from '@casefile/storage';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { type BlobProgress, BlobTransfer } from './blobTransfer.js';

const serverUrl = inject('blobServerUrl');
const headers = () => ({ authorization: `Bearer ${inject('blobServerToken')}` });
const opened: CasefileDatabase[] = [];
const transfers: BlobTransfer[] = [];

afterEach(async () => {
  for (const transfer of transfers.splice(0)) transfer.destroy();
  for (const db of opened.splice(0)) {
    db.close();
    await new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase(db.name);
      request.onsuccess = resolve;
      request.onerror = () => reject(request.error);
    });
  }
});

async function freshDatabase(): Promise<CasefileDatabase> {
  const db = await openDatabase(`casefile-blob-test-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}

function randomBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += 65536) crypto.getRandomValues(bytes.subarray(offset, offset + 65536));
  return bytes;
}

async function until(check: () => boolean | Promise<boolean>, message: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('evidence bytes between two browsers', () => {
  it('uploads from one IndexedDB and downloads into another with progress, the hash intact', async () => {
    const alice = await freshDatabase();
    const bob = await freshDatabase();
    const caseId = newCaseId();
    const bytes = randomBytes(4 * 1024 * 1024 + 5);
    const captured = await putBlob(alice, caseId, new Blob([bytes]), 'image/png');
    expect(await listOutbox(alice)).toHaveLength(1);

    // Alice's transfer: the outbox goes up by itself.
    const aliceTransfer = new BlobTransfer({ db: alice, serverUrl, headers });
    transfers.push(aliceTransfer);
    await until(
      async () => aliceTransfer.status.get().waiting === 0 && (await listOutbox(alice)).length === 0,
      'Alice’s file never left her outbox',
    );
    expect((await alice.blobs.get(captured.sha256))?.state).toBe('uploaded');

    // Bob opens the item: the bytes come down with progress.
    const bobTransfer = new BlobTransfer({ db: bob, serverUrl, headers });
    transfers.push(bobTransfer);
    expect(await getBlob(bob, captured.sha256)).toBeNull();
    const progress: BlobProgress[] = [];
    const received = await bobTransfer.fetchBlob(caseId, captured.sha256, (p) => progress.push({ ...p }), 'image/png');
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual({ received: bytes.byteLength, total: bytes.byteLength });
    expect(progress.every((p) => p.total === bytes.byteLength)).toBe(true);
    expect(await sha256Hex(received)).toBe(captured.sha256);

    const stored = await getBlob(bob, captured.sha256);
    expect(stored?.type).toBe('image/png');
    expect(await sha256Hex(stored as Blob)).toBe(captured.sha256);
    expect((await bob.blobs.get(captured.sha256))?.state).toBe('uploaded');
    expect(await listOutbox(bob)).toEqual([]);
  });

  it('tells the second browser clearly when the file is not on the server', async () => {
    const db = await freshDatabase();
    const transfer = new BlobTransfer({ db, serverUrl, headers });
    transfers.push(transfer);
    const sha = await sha256Hex(new TextEncoder().encode('never uploaded'));
    await expect(transfer.fetchBlob(newCaseId(), sha)).rejects.toThrow(/not on the sync server yet/);
    expect(await getBlob(db, sha)).toBeNull();
  });
});

import { newCaseId, ValidationError } from '@casefile/model';
import { afterEach, describe, expect, it } from 'vitest';
import { getBlob, hasBlob, localBlobStore, putBlob, storedBlobHashes } from './blobStore.js';
import { IntegrityError, StorageError } from './errors.js';
import { isSha256, sha256Hex } from './hashing.js';
import { listOutbox, markUploaded, watchCaseUploads } from './outbox.js';
import { eventually, TestDatabases } from './testDatabases.js';

const databases = new TestDatabases();
afterEach(() => databases.cleanUp());

const INTEGRITY_MESSAGE =
  'This file changed since it was captured (its SHA-256 no longer matches). The original is kept on the server; re-download or report it.';

function randomBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  // getRandomValues fills at most 64 KiB at a time.
  for (let offset = 0; offset < size; offset += 65536) crypto.getRandomValues(bytes.subarray(offset, offset + 65536));
  return bytes;
}

/** Byte-for-byte equality (expect's deep equality is slow on megabytes). */
async function sameBytes(blob: Blob, bytes: Uint8Array): Promise<boolean> {
  const read = new Uint8Array(await blob.arrayBuffer());
  return read.byteLength === bytes.byteLength && read.every((byte, i) => byte === bytes[i]);
}

describe('hashing', () => {
  it('gives the SHA-256 of bytes and of a Blob as lowercase hex (known answers)', async () => {
    const abc = new TextEncoder().encode('abc');
    const expected = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(await sha256Hex(abc.buffer)).toBe(expected);
    expect(await sha256Hex(abc)).toBe(expected);
    expect(await sha256Hex(new Blob(['abc']))).toBe(expected);
    expect(await sha256Hex(new Blob([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(isSha256(expected)).toBe(true);
    expect(isSha256(expected.toUpperCase())).toBe(false);
  });
});

describe('evidence bytes in the local database', () => {
  it('stores bytes by their hash and reads them back verified, with their type', async () => {
    const db = await databases.openDatabase(databases.name());
    const caseId = newCaseId();
    const bytes = randomBytes(2 * 1024 * 1024 + 3);
    const sha256 = await sha256Hex(bytes);

    const stored = await putBlob(db, caseId, new Blob([bytes]), 'image/png');
    expect(stored).toEqual({ sha256, size: bytes.byteLength, mime: 'image/png' });
    expect(await hasBlob(db, sha256)).toBe(true);
    const row = await db.blobs.get(sha256);
    expect(row).toMatchObject({ sha256, size: bytes.byteLength, mime: 'image/png', state: 'local' });
    expect(Date.parse(row?.addedAt ?? '')).not.toBeNaN();

    const read = await getBlob(db, sha256);
    expect(read?.type).toBe('image/png');
    expect(read?.size).toBe(bytes.byteLength);
    expect(await sha256Hex(read as Blob)).toBe(sha256);
    expect(await sameBytes(read as Blob, bytes)).toBe(true);

    db.close();
    const reopened = await databases.openDatabase(db.name);
    expect(await sha256Hex((await getBlob(reopened, sha256)) as Blob)).toBe(sha256);
  });

  it('answers null for bytes it does not have, and refuses a malformed hash', async () => {
    const db = await databases.openDatabase(databases.name());
    const absent = await sha256Hex(new TextEncoder().encode('never stored'));
    expect(await getBlob(db, absent)).toBeNull();
    expect(await hasBlob(db, absent)).toBe(false);
    await expect(getBlob(db, 'abc')).rejects.toThrow(ValidationError);
    await expect(getBlob(db, absent.toUpperCase())).rejects.toThrow(/Not a SHA-256/);
  });

  it('throws IntegrityError with a clear message when the stored bytes were changed', async () => {
    const db = await databases.openDatabase(databases.name());
    const caseId = newCaseId();
    const { sha256 } = await putBlob(
      db,
      caseId,
      new Blob(['Russian-Kazakh relations are at a high level']),
      'text/plain',
    );
    // Someone (or a damaged disk) changes the bytes behind Casefile's back.
    await db.blobs.update(sha256, { blob: new Blob(['Russian-Kazakh relations are at a low level']) });

    const failure = await getBlob(db, sha256).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(IntegrityError);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as IntegrityError).message).toBe(INTEGRITY_MESSAGE);
    expect((failure as IntegrityError).sha256).toBe(sha256);
    expect((failure as IntegrityError).actual).toBe(
      await sha256Hex(new TextEncoder().encode('Russian-Kazakh relations are at a low level')),
    );
    // Checked on every read, not once.
    await expect(getBlob(db, sha256)).rejects.toThrow(INTEGRITY_MESSAGE);

    // Storing the original bytes again (a re-download) repairs it.
    await putBlob(db, caseId, new Blob(['Russian-Kazakh relations are at a high level']), 'text/plain', {
      uploaded: true,
    });
    expect(await (await getBlob(db, sha256))?.text()).toBe('Russian-Kazakh relations are at a high level');
  });

  it('queues each new blob for upload in the same write, once per case, and marks uploads done', async () => {
    const db = await databases.openDatabase(databases.name());
    const [caseA, caseB] = [newCaseId(), newCaseId()];
    const first = await putBlob(db, caseA, new Blob(['first']), 'text/plain');
    const second = await putBlob(db, caseA, new Blob(['second']), '');
    expect(second.mime).toBe('application/octet-stream');
    await putBlob(db, caseA, new Blob(['first']), 'text/plain'); // the same bytes again: not queued twice
    await putBlob(db, caseB, new Blob(['first']), 'text/plain'); // the same bytes for another case: queued for it

    const outbox = await listOutbox(db);
    expect(outbox.map(({ caseId, sha256 }) => ({ caseId, sha256 }))).toEqual([
      { caseId: caseA, sha256: first.sha256 },
      { caseId: caseA, sha256: second.sha256 },
      { caseId: caseB, sha256: first.sha256 },
    ]);
    expect(outbox.every((entry) => typeof entry.id === 'number' && !Number.isNaN(Date.parse(entry.queuedAt)))).toBe(
      true,
    );
    expect(await db.blobs.count()).toBe(2);

    await markUploaded(db, outbox[1]?.id as number);
    expect((await listOutbox(db)).map((entry) => entry.id)).toEqual([outbox[0]?.id, outbox[2]?.id]);
    expect((await db.blobs.get(second.sha256))?.state).toBe('uploaded');
    expect((await db.blobs.get(first.sha256))?.state).toBe('local');
    await markUploaded(db, outbox[1]?.id as number); // already done (another tab): nothing happens
    await markUploaded(db, outbox[0]?.id as number);
    expect((await db.blobs.get(first.sha256))?.state).toBe('uploaded');

    // Putting uploaded bytes again keeps them 'uploaded'; downloaded bytes are never queued.
    await putBlob(db, caseA, new Blob(['first']), 'text/plain');
    expect((await db.blobs.get(first.sha256))?.state).toBe('uploaded');
    const downloaded = await putBlob(db, caseA, new Blob(['from the server']), 'text/plain', { uploaded: true });
    expect((await db.blobs.get(downloaded.sha256))?.state).toBe('uploaded');
    expect((await listOutbox(db)).map((entry) => entry.sha256)).toEqual([first.sha256, first.sha256]);
  });

  it('refuses bad input with a clear error and stores nothing', async () => {
    const db = await databases.openDatabase(databases.name());
    await expect(putBlob(db, 'not a case', new Blob(['x']), 'text/plain')).rejects.toThrow(
      'Not a case id: "not a case".',
    );
    await expect(putBlob(db, newCaseId(), 'x' as unknown as Blob, 'text/plain')).rejects.toThrow(ValidationError);
    await expect(putBlob(db, newCaseId(), new Blob(['x']), undefined as unknown as string)).rejects.toThrow(
      /MIME type/,
    );
    expect(await db.blobs.count()).toBe(0);
    expect(await listOutbox(db)).toEqual([]);
  });

  it('tells a watcher when the outbox changes', async () => {
    const db = await databases.openDatabase(databases.name());
    const store = localBlobStore(db);
    let calls = 0;
    const stop = store.watchOutbox(() => calls++);
    await eventually(() => calls >= 1, 'the watcher was never called for the initial outbox');
    const before = calls;
    await store.putBlob(newCaseId(), new Blob(['queued']), 'text/plain');
    await eventually(() => calls > before, 'the watcher never heard of the queued upload');
    stop();
    const [entry] = await store.listOutbox();
    await store.markUploaded(entry?.id as number);
    expect(await store.listOutbox()).toEqual([]);
  });

  it('counts the uploads waiting for one case as they come and go', async () => {
    const db = await databases.openDatabase(databases.name());
    const caseId = newCaseId();
    const counts: number[] = [];
    const stop = watchCaseUploads(db, caseId, (count) => counts.push(count));
    await eventually(() => counts.length > 0, 'the watcher was never called for the initial count');
    await putBlob(db, caseId, new Blob(['one']), 'text/plain');
    await putBlob(db, newCaseId(), new Blob(['another case']), 'text/plain');
    await putBlob(db, caseId, new Blob(['two']), 'text/plain');
    await eventually(() => counts.at(-1) === 2, 'both files of the case should be counted');
    const [first] = await listOutbox(db);
    await markUploaded(db, first?.id as number);
    await eventually(() => counts.at(-1) === 1, 'an upload done should no longer count');
    stop();
    expect(counts[0]).toBe(0);
  });

  it('says which of some hashes this device holds', async () => {
    const db = await databases.openDatabase(databases.name());
    const here = await putBlob(db, newCaseId(), new Blob(['here']), 'text/plain');
    const absent = await sha256Hex(new Blob(['elsewhere']));
    expect(await storedBlobHashes(db, [here.sha256, absent])).toEqual(new Set([here.sha256]));
    await expect(storedBlobHashes(db, ['nope'])).rejects.toBeInstanceOf(ValidationError);
  });
});

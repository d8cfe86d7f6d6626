import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebCaptureError } from './webCaptureError.js';
import { captureTempDirPrefix, saveToTempAndRead, snapshotPath } from './webCaptureTempFile.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'casefile-test-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const mhtml = 'From: <Saved by Blink>\r\nContent-Type: multipart/related;\r\n\r\n--b--\r\n';

describe('capture temp paths', () => {
  it('puts each snapshot in its own casefile-capture-* directory as snapshot.mhtml', () => {
    expect(captureTempDirPrefix(root)).toBe(join(root, 'casefile-capture-'));
    expect(snapshotPath(join(root, 'casefile-capture-Ab12Cd'))).toBe(
      join(root, 'casefile-capture-Ab12Cd', 'snapshot.mhtml'),
    );
  });
});

describe('saveToTempAndRead', () => {
  it('hands the saver a fresh private path, returns exactly the bytes written, and removes the directory', async () => {
    const paths: string[] = [];
    const bytes = await saveToTempAndRead(root, async (path) => {
      paths.push(path);
      expect(basename(path)).toBe('snapshot.mhtml');
      expect(basename(dirname(path))).toMatch(/^casefile-capture-.{6}$/);
      expect((await stat(dirname(path))).mode & 0o077).toBe(0); // only this user can look inside
      await writeFile(path, mhtml);
    });
    expect(new TextDecoder().decode(bytes)).toBe(mhtml);
    expect(bytes.constructor).toBe(Uint8Array);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
    await saveToTempAndRead(root, async (path) => {
      paths.push(path);
      await writeFile(path, mhtml);
    });
    expect(paths[0]).not.toBe(paths[1]);
    expect(await readdir(root)).toEqual([]);
  });

  it('removes the directory when saving fails, and passes the failure on', async () => {
    await expect(
      saveToTempAndRead(root, async (path) => {
        await writeFile(path, 'partial');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await readdir(root)).toEqual([]);
  });

  it('refuses a missing or empty snapshot with a clear error', async () => {
    await expect(saveToTempAndRead(root, async () => {})).rejects.toThrow(
      new WebCaptureError('The browser did not write a snapshot of the page. Nothing was captured; try again.'),
    );
    await expect(saveToTempAndRead(root, (path) => writeFile(path, ''))).rejects.toThrow(/did not write a snapshot/);
    expect(await readdir(root)).toEqual([]);
  });

  it('refuses a snapshot above the size limit without reading it', async () => {
    await expect(saveToTempAndRead(root, (path) => writeFile(path, 'x'.repeat(2048)), 1024)).rejects.toThrow(
      'The page snapshot (MHTML) is 2 KiB, more than the 1 KiB a case file can hold. Nothing was captured; save a smaller part of the page instead.',
    );
    expect(await readdir(root)).toEqual([]);
  });
});

import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { saveFileAtomically } from './atomicSave.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) {
    await chmod(dir, 0o700).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'casefile-atomic-save-'));
  dirs.push(dir);
  return dir;
}

describe('saveFileAtomically', () => {
  it('writes the whole file and leaves nothing else in the folder', async () => {
    const dir = await folder();
    const target = join(dir, 'dossier.pdf');
    const bytes = new Uint8Array(512 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 251;
    await saveFileAtomically(target, bytes);
    expect(new Uint8Array(await readFile(target))).toEqual(bytes);
    expect(await readdir(dir)).toEqual(['dossier.pdf']);
  }, 20_000);

  it('replaces an earlier export only once the new one is complete', async () => {
    const dir = await folder();
    const target = join(dir, 'dossier.zip');
    await writeFile(target, 'the earlier export');
    await saveFileAtomically(target, new TextEncoder().encode('the new export'));
    expect(await readFile(target, 'utf8')).toBe('the new export');
    expect(await readdir(dir)).toEqual(['dossier.zip']);
  });

  it('on a failure leaves the earlier file as it was and no temp file behind', async () => {
    const dir = await folder();
    // The target is a non-empty folder: the temp file is written, the rename fails.
    const target = join(dir, 'dossier.pdf');
    await mkdir(target);
    await writeFile(join(target, 'inside'), 'x');
    await expect(saveFileAtomically(target, new Uint8Array([1, 2, 3]))).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['dossier.pdf']);
    expect(await readdir(target)).toEqual(['inside']);
  });

  it('refuses a folder it may not write to, leaving nothing', async () => {
    if (process.getuid?.() === 0) return; // root writes anywhere; the rename test above covers cleanup
    const dir = await folder();
    await chmod(dir, 0o500);
    await expect(saveFileAtomically(join(dir, 'dossier.pdf'), new Uint8Array([1]))).rejects.toMatchObject({
      code: 'EACCES',
    });
    expect(await readdir(dir)).toEqual([]);
  });
});

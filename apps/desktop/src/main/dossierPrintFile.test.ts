import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isAllowedPrintRequest, PRINT_TEMP_PREFIX, withDossierHtmlFile } from './dossierPrintFile.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('printing a dossier from a temp file', () => {
  it('hands the printer a file holding the HTML, and removes it after the print', async () => {
    const root = await mkdtemp(join(tmpdir(), 'casefile-print-test-'));
    dirs.push(root);
    const html = `<!doctype html><title>Фейк</title>${'x'.repeat(3 * 1024 * 1024)}`;
    const pdf = await withDossierHtmlFile(root, html, async (fileUrl) => {
      expect(fileUrl).toMatch(/^file:\/\//);
      expect(await readFile(fileURLToPath(fileUrl), 'utf8')).toBe(html);
      expect((await readdir(root))[0]).toMatch(new RegExp(`^${PRINT_TEMP_PREFIX}`));
      return 'pdf bytes';
    });
    expect(pdf).toBe('pdf bytes');
    expect(await readdir(root)).toEqual([]);
  });

  it('removes the file when the print fails too', async () => {
    const root = await mkdtemp(join(tmpdir(), 'casefile-print-test-'));
    dirs.push(root);
    await expect(
      withDossierHtmlFile(root, '<p>case</p>', async () => {
        throw new Error('the print window crashed');
      }),
    ).rejects.toThrow('the print window crashed');
    expect(await readdir(root)).toEqual([]);
  });

  it('lets the print window load only the dossier and its inline data', () => {
    const own = 'file:///tmp/casefile-print-abc/dossier.html';
    expect(isAllowedPrintRequest(own, own)).toBe(true);
    expect(isAllowedPrintRequest('data:font/woff2;base64,AAAA', own)).toBe(true);
    expect(isAllowedPrintRequest('https://tracker.example/pixel.gif', own)).toBe(false);
    expect(isAllowedPrintRequest('file:///etc/passwd', own)).toBe(false);
    expect(isAllowedPrintRequest('casefile://app/index.html', own)).toBe(false);
  });
});

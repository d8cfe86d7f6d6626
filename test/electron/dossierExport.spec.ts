import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type ElectronApplication, _electron as electron, expect, type Page, test } from '@playwright/test';

const run = promisify(execFile);
const appDir = fileURLToPath(new URL('../../apps/desktop', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const DEMO_TITLE = "NATO 'peacekeeping centre' in Astana";

/** Answers the next save dialog with `path`, as a person choosing that file would. */
async function answerSaveDialogWith(app: ElectronApplication, path: string): Promise<void> {
  await app.evaluate(({ dialog }, chosen) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath: chosen })) as typeof dialog.showSaveDialog;
  }, path);
}

async function exportAs(window: Page, format: RegExp): Promise<string> {
  await window.getByRole('button', { name: 'Export…' }).click();
  const dialog = window.getByRole('dialog', { name: 'Export dossier' });
  await dialog.getByRole('radio', { name: format }).check();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Saved as', { timeout: 60_000 });
  const text = (await dialog.getByRole('status').textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Done' }).click();
  return text;
}

test('the desktop app exports the demo case to PDF and bundle, printed by its own Chromium', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'casefile-electron-export-'));
  const userData = await mkdtemp(join(tmpdir(), 'casefile-electron-profile-'));
  const app = await electron.launch({ args: [appDir, `--user-data-dir=${userData}`] });
  try {
    const window = await app.firstWindow();
    await window.getByRole('link', { name: /Astana/ }).click();
    await expect(window.getByRole('textbox', { name: 'Case title', exact: true })).toHaveValue(DEMO_TITLE);

    const pdfPath = join(folder, 'demo.pdf');
    await answerSaveDialogWith(app, pdfPath);
    await exportAs(window, /^PDF/);
    const pdf = await readFile(pdfPath);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', pdfPath, '-']);
    expect(text.replace(/\s+/g, ' ')).toContain(DEMO_TITLE);

    const bundlePath = join(folder, 'demo.zip');
    await answerSaveDialogWith(app, bundlePath);
    const saved = await exportAs(window, /Bundle ZIP/);
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'packages/dossier/src/node/verifyCli.ts', bundlePath],
      { cwd: repoRoot },
    );
    expect(stdout).toMatch(/^OK: all \d+ files match their SHA-256/m);
    const manifestSha256 = /manifest\.json SHA-256: ([0-9a-f]{64})/.exec(stdout)?.[1];
    expect(saved).toContain(manifestSha256);

    // Saved whole: no temp file is left beside the exports, and the print window is gone.
    expect((await readdir(folder)).sort()).toEqual(['demo.pdf', 'demo.zip']);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  } finally {
    await app.close();
    await rm(folder, { recursive: true, force: true });
    await rm(userData, { recursive: true, force: true });
  }
});

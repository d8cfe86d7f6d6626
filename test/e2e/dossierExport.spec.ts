import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Download, Page } from '@playwright/test';
import { expect, type Investigator, test } from './fixtures.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const DEMO_TITLE = "NATO 'peacekeeping centre' in Astana";

async function openDemoCase(person: Investigator): Promise<void> {
  await person.page
    .getByRole('list')
    .getByRole('link', { name: /Astana/ })
    .click();
  await expect(person.title).toHaveValue(DEMO_TITLE);
}

function exportDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Export dossier' });
}

/** Opens the Export dialog from the case header, chooses a format and starts the export. */
async function startExport(page: Page, format: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = exportDialog(page);
  await dialog.getByRole('radio', { name: format }).check();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
}

async function savedBytes(download: Download): Promise<Buffer> {
  return readFile(await download.path());
}

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'casefile-export-e2e-'));
  test.info().attach('scratch', { body: dir });
  return dir;
}

test('an investigator exports the demo case as a bundle that someone else verifies with casefile-verify or sha256sum', async ({
  investigator,
}) => {
  const alice = await investigator();
  await openDemoCase(alice);
  const { page } = alice;

  // The shortcut opens the dialog too; the originals are left out unless asked for, and it says why.
  await page.keyboard.press('ControlOrMeta+Shift+E');
  const dialog = exportDialog(page);
  await expect(dialog).toBeVisible();
  const originals = dialog.getByRole('checkbox', { name: /Include original files \(with their metadata/ });
  await dialog.getByRole('radio', { name: /Bundle ZIP/ }).check();
  await expect(originals).not.toBeChecked();
  await expect(dialog).toContainText('each original is listed by its SHA-256 as withheld');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const started = Date.now();
  const download = page.waitForEvent('download');
  await startExport(page, /Bundle ZIP/);
  await expect(dialog.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  await expect(dialog.getByRole('status')).toHaveText('Exporting on the server…');
  const zip = await savedBytes(await download);
  test
    .info()
    .annotations.push({ type: 'timing', description: `bundle export from the web app: ${Date.now() - started} ms` });
  expect((await download).suggestedFilename()).toMatch(/^nato-peacekeeping-centre-in-astana\.zip$/);
  await expect(dialog.getByRole('status')).toContainText('Downloaded as nato-peacekeeping-centre-in-astana.zip');

  // What the recipient does: casefile-verify, or unzip and sha256sum alone.
  const dir = await scratchDir();
  try {
    const bundlePath = join(dir, 'case.zip');
    await writeFile(bundlePath, zip);
    const verify = await run(
      process.execPath,
      ['--import', 'tsx', 'packages/dossier/src/node/verifyCli.ts', bundlePath],
      {
        cwd: repoRoot,
      },
    );
    expect(verify.stdout).toMatch(/^OK: all \d+ files match their SHA-256/m);

    const unpacked = join(dir, 'case');
    await run('unzip', ['-q', bundlePath, '-d', unpacked]);
    const sums = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: unpacked });
    expect(sums.stdout).toContain('dossier.pdf: OK');
    expect(sums.stdout).not.toMatch(/FAILED/);
    const manifestBytes = await readFile(join(unpacked, 'manifest.json'));
    const manifestSha256 = createHash('sha256').update(manifestBytes).digest('hex');
    // The dialog shows the manifest's SHA-256 for the exporter to publish beside the bundle.
    await expect(dialog.getByText(manifestSha256)).toBeVisible();
    const manifest = JSON.parse(manifestBytes.toString('utf8')) as { includesOriginals: boolean; title: string };
    expect(manifest.includesOriginals).toBe(false);
    expect(manifest.title).toBe(DEMO_TITLE);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a PDF export downloads a PDF whose text has the case title', async ({ investigator }) => {
  const alice = await investigator();
  await openDemoCase(alice);
  const download = alice.page.waitForEvent('download');
  await startExport(alice.page, /^PDF/);
  const pdf = await savedBytes(await download);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const dir = await scratchDir();
  try {
    const path = join(dir, 'case.pdf');
    await writeFile(path, pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', path, '-']);
    expect(stdout.replace(/\s+/g, ' ')).toContain(DEMO_TITLE);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('cancelling an export, with the button or Esc, downloads nothing', async ({ investigator }) => {
  const alice = await investigator();
  await openDemoCase(alice);
  const { page } = alice;
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  const dialog = exportDialog(page);

  await startExport(page, /Bundle ZIP/);
  await expect(dialog.getByRole('status')).toHaveText('Exporting on the server…');
  // The focus moves to Cancel, the one thing left to do, and back to Export when it ends.
  await expect(dialog.getByRole('button', { name: 'Cancel export' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel export' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Export cancelled. Nothing was saved.');
  await expect(dialog.getByRole('button', { name: 'Export', exact: true })).toBeFocused();

  // Esc during an export cancels it; the dialog stays open to say so.
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText('Exporting on the server…');
  await page.keyboard.press('Escape');
  await expect(dialog.getByRole('status')).toHaveText('Export cancelled. Nothing was saved.');
  await expect(dialog).toBeVisible();

  // Long enough for a bundle the server had gone on exporting to have arrived.
  await page.waitForTimeout(4000);
  expect(downloads).toEqual([]);
});

test('an export while the sync server is down says what happened and downloads nothing', async ({
  investigator,
  server,
}) => {
  const alice = await investigator();
  await openDemoCase(alice);
  const { page } = alice;
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  await server.stop();

  await startExport(page, /^JSON/);
  await expect(exportDialog(page).getByRole('alert')).toHaveText(
    /^The sync server could not be reached \(.+\)\. Nothing was saved\. Check the connection, or that the server is running, and export again\.$/,
  );
  await expect(exportDialog(page).getByRole('button', { name: 'Try again' })).toBeVisible();
  expect(downloads).toEqual([]);
});

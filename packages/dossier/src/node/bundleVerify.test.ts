import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../common/sha256.js';
import { demoCase } from '../testSupport/demoDossier.js';
import { containsExif, containsExifGps, jpegWithGps, plainPng } from '../testSupport/exifGps.js';
import { type ChromiumPdfPrinter, launchChromiumPdfPrinter } from './chromiumPdf.js';
import { exportDossierToFile } from './exportToFile.js';

const VERIFY_CLI = fileURLToPath(new URL('./verifyCli.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

let printer: ChromiumPdfPrinter;
let dir: string;
let gpsPhoto: Uint8Array;
let gpsPhotoSha: string;
let bundlePath: string;
let bundleEntries: Record<string, Uint8Array>;

/** Runs `casefile-verify` as a person would, returning its exit code and what it printed. */
function verify(path: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', VERIFY_CLI, path], {
    cwd: PACKAGE_DIR,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

async function writeZip(name: string, entries: Record<string, Uint8Array>): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, zipSync(entries));
  return path;
}

const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

beforeAll(async () => {
  printer = await launchChromiumPdfPrinter();
  dir = await mkdtemp(join(tmpdir(), 'casefile-bundle-'));
  gpsPhoto = await jpegWithGps();
  gpsPhotoSha = await sha256Hex(gpsPhoto);
  const { dossier, source } = demoCase([
    { bytes: gpsPhoto, mime: 'image/jpeg', name: 'channel-post.jpg' },
    { bytes: await plainPng(), mime: 'image/png', name: 'screen.png' },
  ]);
  bundlePath = join(dir, 'bundle.zip');
  const started = performance.now();
  await exportDossierToFile(dossier, 'bundle', bundlePath, { blobs: source, renderPdf: printer.renderPdf });
  console.info(`Bundle export of the demo case with two images: ${Math.round(performance.now() - started)} ms`);
  bundleEntries = unzipSync(new Uint8Array(await readFile(bundlePath)));
});

afterAll(async () => {
  await printer?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('casefile-verify', () => {
  it('passes a fresh bundle', () => {
    const { status, output } = verify(bundlePath);
    expect(output).toMatch(/^OK: all \d+ files match their SHA-256/m);
    expect(output).toContain(`Withheld: ${gpsPhotoSha}`);
    expect(status).toBe(0);
  });

  it('fails, naming the file, when one byte of one evidence file changed', async () => {
    const path = Object.keys(bundleEntries).find((name) => name.startsWith('evidence/') && name.endsWith('.txt'));
    expect(path).toBeDefined();
    const altered = new Uint8Array(bundleEntries[path as string] as Uint8Array);
    altered[0] = (altered[0] as number) ^ 0x01;
    const { status, output } = verify(await writeZip('altered.zip', { ...bundleEntries, [path as string]: altered }));
    expect(output).toContain(`altered: ${path} was altered`);
    expect(status).toBe(1);
  });

  it('fails, naming the file, when a file was removed', async () => {
    const path = Object.keys(bundleEntries).find((name) => name.startsWith('evidence/')) as string;
    const { [path]: _removed, ...rest } = bundleEntries;
    const { status, output } = verify(await writeZip('removed.zip', rest));
    expect(output).toContain(`missing: ${path} is listed in the manifest but missing`);
    expect(status).toBe(1);
  });

  it('fails, naming the file, when a file was added', async () => {
    const { status, output } = verify(
      await writeZip('added.zip', { ...bundleEntries, 'evidence/extra.txt': strToU8('planted') }),
    );
    expect(output).toContain('unexpected: evidence/extra.txt is in the bundle but not in the manifest');
    expect(status).toBe(1);
  });

  it('fails when an evidence file the case names is neither carried nor declared withheld', async () => {
    const manifest = JSON.parse(decode(bundleEntries['manifest.json']));
    manifest.withheld = manifest.withheld.filter((file: { sha256: string }) => file.sha256 !== gpsPhotoSha);
    const { status, output } = verify(
      await writeZip('unaccounted.zip', { ...bundleEntries, 'manifest.json': strToU8(JSON.stringify(manifest)) }),
    );
    expect(output).toContain(`unaccounted: The case names evidence file ${gpsPhotoSha}`);
    expect(status).toBe(1);
  });

  it('says clearly that a file which is not a ZIP is no bundle', async () => {
    const path = join(dir, 'notes.txt');
    await writeFile(path, 'just some notes');
    const { status, output } = verify(path);
    expect(output).toContain('This is not a ZIP file');
    expect(status).toBe(2);
  });

  it('says which file it could not find', () => {
    const { status, output } = verify(join(dir, 'nowhere.zip'));
    expect(output).toContain('no such file');
    expect(status).toBe(2);
  });

  it('matches what sha256sum -c alone says of SHA256SUMS', async () => {
    const unpacked = join(dir, 'unpacked');
    execFileSync('unzip', ['-q', bundlePath, '-d', unpacked]);
    const checked = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: unpacked, encoding: 'utf8' });
    expect(checked).toMatch(/evidence\/[0-9a-f]{64}\.txt: OK/);
    expect(checked).not.toMatch(/FAILED/);
  });
});

describe('images exported without originals', () => {
  it('the fixture photo does carry a GPS position', () => {
    expect(containsExifGps(gpsPhoto)).toBe(true);
  });

  it('carry no GPS tag in the bundle: the original is withheld, a metadata-free copy is named by its own hash', async () => {
    const manifest = JSON.parse(decode(bundleEntries['manifest.json']));
    const withheld = manifest.withheld.find((file: { sha256: string }) => file.sha256 === gpsPhotoSha);
    expect(withheld).toMatchObject({ sha256: gpsPhotoSha, size: gpsPhoto.length, reason: 'privacy' });
    const derived = manifest.files.find((file: { derivedFrom?: string }) => file.derivedFrom === gpsPhotoSha);
    expect(derived.path).toBe(`evidence/${derived.sha256}.jpg`);
    expect(await sha256Hex(bundleEntries[derived.path] as Uint8Array)).toBe(derived.sha256);
    expect(Object.keys(bundleEntries).some((name) => name.includes(gpsPhotoSha))).toBe(false);
    for (const [name, bytes] of Object.entries(bundleEntries)) {
      expect(containsExifGps(bytes), `${name} carries a GPS position`).toBe(false);
    }
    expect(containsExif(bundleEntries[derived.path] as Uint8Array)).toBe(false);
  });

  it('carry no GPS tag in the HTML: every embedded image is metadata-free', () => {
    const html = decode(bundleEntries['dossier.html']);
    const images = [...html.matchAll(/src="data:(image\/[a-z]+);base64,([^"]+)"/g)];
    expect(images.map((match) => match[1]).sort()).toEqual(['image/jpeg', 'image/png']);
    for (const [, , base64] of images) {
      const bytes = new Uint8Array(Buffer.from(base64 as string, 'base64'));
      expect(containsExif(bytes)).toBe(false);
      expect(containsExifGps(bytes)).toBe(false);
    }
  });

  it('carry no GPS tag in the PDF, nor in the images pdfimages extracts from it', async () => {
    const pdf = bundleEntries['dossier.pdf'] as Uint8Array;
    expect(containsExifGps(pdf)).toBe(false);
    const pdfPath = join(dir, 'dossier.pdf');
    await writeFile(pdfPath, pdf);
    const prefix = join(dir, 'pdf-image');
    execFileSync('pdfimages', ['-all', pdfPath, prefix]);
    const listing = execFileSync('pdfimages', ['-list', pdfPath], { encoding: 'utf8' });
    expect(listing.trim().split('\n').length).toBeGreaterThan(2);
    const { readdir } = await import('node:fs/promises');
    const extracted = (await readdir(dir)).filter((name) => name.startsWith('pdf-image'));
    expect(extracted.length).toBeGreaterThan(0);
    for (const name of extracted) {
      expect(containsExifGps(new Uint8Array(await readFile(join(dir, name)))), name).toBe(false);
    }
  });

  it('go into the bundle unaltered only when the exporter asks for the originals', async () => {
    const { dossier, source } = demoCase([{ bytes: gpsPhoto, mime: 'image/jpeg', name: 'channel-post.jpg' }]);
    const path = join(dir, 'with-originals.zip');
    await exportDossierToFile(dossier, 'bundle', path, {
      blobs: source,
      renderPdf: printer.renderPdf,
      includeOriginals: true,
    });
    const entries = unzipSync(new Uint8Array(await readFile(path)));
    expect(entries[`evidence/${gpsPhotoSha}.jpg`]).toEqual(gpsPhoto);
    const manifest = JSON.parse(decode(entries['manifest.json']));
    expect(manifest.includesOriginals).toBe(true);
    expect(manifest.withheld).toEqual([]);
    // The HTML and PDF still show the metadata-free copy.
    expect(containsExifGps(entries['dossier.html'] as Uint8Array)).toBe(false);
    expect(containsExifGps(entries['dossier.pdf'] as Uint8Array)).toBe(false);
    expect(verify(path).status).toBe(0);
  });
});

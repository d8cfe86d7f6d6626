import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyBundle } from '@casefile/dossier';
import { DEMO_CASE_TITLE } from '@casefile/model/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobFiles } from './blobFiles.js';
import { seedDemoCaseOnce } from './demoSeed.js';
import { LevelDocumentStore } from './persistence.js';

const EXPORT_CLI = fileURLToPath(new URL('./exportCli.ts', import.meta.url));
const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
// The dossier package's bin, as pnpm links it for this app.
const VERIFY_BIN = join(APP_DIR, 'node_modules', '.bin', 'casefile-verify');

let dir: string;
let dataDir: string;
let caseId: string;

/** Runs `casefile-export` as a person would; resolves with its exit code and output. */
function runExport(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', EXPORT_CLI, ...args], { cwd: APP_DIR });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function filesIn(folder: string): Promise<string[]> {
  return (await readdir(folder)).sort();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'casefile-export-'));
  dataDir = join(dir, 'data');
  const store = await LevelDocumentStore.open(dataDir);
  const blobs = await BlobFiles.open(dataDir);
  caseId = (await seedDemoCaseOnce(store, blobs, () => {}, new Date('2024-03-01T10:00:00Z'))) as string;
  await store.close();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('casefile-export from a sync server’s data directory', () => {
  it('lists the cases: id and title, one a line', async () => {
    const { status, stdout } = await runExport('--data', dataDir, '--list');
    expect(stdout).toBe(`${caseId}\t${DEMO_CASE_TITLE}\n`);
    expect(status).toBe(0);
  });

  it('exports a bundle that verifies, with the evidence from the server’s blob files', async () => {
    const out = join(dir, 'demo.zip');
    const { status, stdout, stderr } = await runExport(
      '--data',
      dataDir,
      '--case',
      caseId,
      '--format',
      'bundle',
      '--out',
      out,
    );
    expect(stderr).toContain('bundle:');
    expect(stdout).toMatch(/manifest\.json SHA-256: [0-9a-f]{64}/);
    expect(status).toBe(0);
    const result = await verifyBundle(new Uint8Array(await readFile(out)));
    expect(result.problems).toEqual([]);
    expect(result.manifest.withheld).toEqual([]);
    expect(result.manifest.files.filter((file) => file.kind === 'evidence')).toHaveLength(4);
    // The seed wrote the case's one custody entry; the bundle carries the record as the store holds it.
    const store = await LevelDocumentStore.open(dataDir);
    const stored = await store.loadCustody(caseId).finally(() => store.close());
    expect(stored).toHaveLength(1);
    expect(result.manifest.custody).toEqual({ file: 'custody-log.json', entries: 1, lastHash: stored[0]?.hash });
    const carried = execFileSync('unzip', ['-p', out, 'custody-log.json'], { encoding: 'utf8' });
    expect(JSON.parse(carried)).toEqual(stored);
    const verified = spawnSync(VERIFY_BIN, [out], { cwd: APP_DIR, encoding: 'utf8' });
    expect(verified.stdout).toContain(`Custody record: custody-log.json, 1 entries, last hash ${stored[0]?.hash}`);
    expect(verified.stdout).toMatch(/^OK: all \d+ files match/m);
    expect(verified.status).toBe(0);
  });

  it('exports a PDF whose text holds the case title', async () => {
    const out = join(dir, 'demo.pdf');
    const { status } = await runExport('--data', dataDir, '--case', caseId, '--format', 'pdf', '--out', out);
    expect(status).toBe(0);
    expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })).toContain(DEMO_CASE_TITLE);
  });

  it('prints a quicker PDF on request: untagged, contents without page numbers', async () => {
    const tagged = join(dir, 'tagged.pdf');
    const quick = join(dir, 'quick.pdf');
    expect((await runExport('--data', dataDir, '--case', caseId, '--format', 'pdf', '--out', tagged)).status).toBe(0);
    const { status } = await runExport(
      ...['--data', dataDir, '--case', caseId, '--format', 'pdf', '--out', quick],
      ...['--untagged', '--contents-without-pages'],
    );
    expect(status).toBe(0);
    const info = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info(tagged)).toMatch(/^Tagged:\s+yes$/m);
    expect(info(quick)).toMatch(/^Tagged:\s+no$/m);
    expect(execFileSync('pdftotext', [quick, '-'], { encoding: 'utf8' })).toContain(DEMO_CASE_TITLE);
  });

  it('refuses an unknown case id and writes nothing', async () => {
    const before = await filesIn(dir);
    const { status, stderr } = await runExport(
      '--data',
      dataDir,
      '--case',
      'no-such-case',
      '--format',
      'json',
      '--out',
      join(dir, 'x.json'),
    );
    expect(stderr).toContain('stores no case with the id "no-such-case"');
    expect(status).toBe(2);
    expect(await filesIn(dir)).toEqual(before);
  });

  it('refuses an unknown format and writes nothing', async () => {
    const before = await filesIn(dir);
    const { status, stderr } = await runExport(
      '--data',
      dataDir,
      '--case',
      caseId,
      '--format',
      'docx',
      '--out',
      join(dir, 'x.docx'),
    );
    expect(stderr).toContain('Unknown format "docx"; use one of: pdf, html, json, bundle');
    expect(status).toBe(2);
    expect(await filesIn(dir)).toEqual(before);
  });

  it('says a running server holds the data directory, and what to do', async () => {
    const store = await LevelDocumentStore.open(dataDir);
    try {
      const { status, stderr } = await runExport('--data', dataDir, '--list');
      expect(stderr).toContain('is in use by a running Casefile sync server');
      expect(stderr).toContain('Stop that server');
      expect(status).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('refuses a folder that is no data directory, without creating anything in it', async () => {
    const empty = join(dir, 'not-data');
    const { status, stderr } = await runExport('--data', empty, '--list');
    expect(stderr).toContain('is not a Casefile sync server’s data directory');
    expect(status).toBe(2);
    await expect(stat(empty)).rejects.toThrow();
  });
});

describe('casefile-export --from a case JSON', () => {
  it('exports again from the JSON format, with the evidence beside it', async () => {
    const json = join(dir, 'case.json');
    expect((await runExport('--data', dataDir, '--case', caseId, '--format', 'json', '--out', json)).status).toBe(0);
    const out = join(dir, 'from-json.html');
    const { status, stdout } = await runExport('--from', json, '--format', 'html', '--out', out);
    expect(stdout).toContain('Wrote');
    expect(status).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('Қазақстан Республикасы Қорғаныс министрлігі');
    // No evidence folder beside the JSON: the files are named, their bytes marked as not at hand.
    expect(html).toContain('did not have this file’s bytes');
  });

  it('refuses invalid JSON, saying so, and writes nothing', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"format": "casefile-case", "version": 1, "case": ');
    const before = await filesIn(dir);
    const { status, stderr } = await runExport('--from', bad, '--format', 'pdf', '--out', join(dir, 'bad.pdf'));
    expect(stderr).toContain('This is not JSON');
    expect(status).toBe(2);
    expect(await filesIn(dir)).toEqual(before);
  });

  it('says how to call it when the options do not fit together', async () => {
    const { status, stderr } = await runExport('--format', 'pdf', '--out', join(dir, 'x.pdf'));
    expect(stderr).toContain('Export from either --data DIR --case ID or --from case.json.');
    expect(status).toBe(2);
  });
});

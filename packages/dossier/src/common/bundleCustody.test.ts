import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { demoCase } from '../testSupport/demoDossier.js';
import { verifyBundle } from './bundleVerifier.js';
import { type CustodyRecord, writeBundle } from './bundleWriter.js';
import { prepareEvidenceFiles } from './evidenceFiles.js';
import { caseJsonText } from './exportDossier.js';
import { sha256Hex } from './sha256.js';

// Entries shaped like the server's (custodyLog.ts); the bundle carries them as they are.
const hash = (n: number) => n.toString(16).padStart(64, '0');
const custody: CustodyRecord = {
  entries: [
    { seq: 0, user: 'owner', role: 'owner', prevHash: '0'.repeat(64), hash: hash(1) },
    { seq: 1, user: 'editor', role: 'editor', prevHash: hash(1), hash: hash(2) },
  ],
  lastHash: hash(2),
};

/** A bundle of the demo case written without Chromium: only case.json among the parts is checked. */
async function bundle(record?: CustodyRecord): Promise<Record<string, Uint8Array>> {
  const { dossier, source } = demoCase();
  const files = await prepareEvidenceFiles(dossier, {
    blobs: source,
    reEncodeImage: () => Promise.reject(new Error('the demo case has no images')),
  });
  const written = await writeBundle(
    dossier,
    files,
    {
      caseJson: caseJsonText(dossier),
      claimReview: '[]',
      timeline: '{}',
      activityLog: '[]',
      html: '<p>',
      pdf: strToU8('%PDF'),
    },
    { includeOriginals: false, ...(record ? { custody: record } : {}) },
  );
  return unzipSync(written.zip);
}

const manifestOf = (entries: Record<string, Uint8Array>) =>
  JSON.parse(new TextDecoder().decode(entries['manifest.json']));

describe('a bundle with the custody record', () => {
  it('carries custody-log.json, listed and hashed, with its count and last hash in the manifest', async () => {
    const entries = await bundle(custody);
    const manifest = manifestOf(entries);
    expect(manifest.custody).toEqual({ file: 'custody-log.json', entries: 2, lastHash: hash(2) });
    const log = entries['custody-log.json'] as Uint8Array;
    expect(JSON.parse(new TextDecoder().decode(log))).toEqual(custody.entries);
    const listed = manifest.files.find((file: { path: string }) => file.path === 'custody-log.json');
    expect(listed).toMatchObject({ kind: 'custody', sha256: await sha256Hex(log), size: log.length });
    expect(new TextDecoder().decode(entries.SHA256SUMS)).toContain(`${listed.sha256}  custody-log.json\n`);
  });

  it('without one, says custody: null', async () => {
    const entries = await bundle();
    expect(manifestOf(entries).custody).toBeNull();
    expect(entries['custody-log.json']).toBeUndefined();
  });

  it('reports an altered custody-log.json as altered', async () => {
    const entries = await bundle(custody);
    const changed = [...custody.entries];
    changed[0] = { ...(changed[0] as object), user: 'someone-else' };
    const report = await verifyBundle(
      zipSync({ ...entries, 'custody-log.json': strToU8(`${JSON.stringify(changed, null, 2)}\n`) }),
    );
    expect(report.problems.map((problem) => [problem.kind, problem.path])).toContainEqual([
      'altered',
      'custody-log.json',
    ]);
    expect(report.ok).toBe(false);
  });

  it('reports a manifest whose lastHash is not the last entry’s hash as a custody problem', async () => {
    const entries = await bundle(custody);
    const manifest = manifestOf(entries);
    manifest.custody.lastHash = hash(3);
    const report = await verifyBundle(zipSync({ ...entries, 'manifest.json': strToU8(JSON.stringify(manifest)) }));
    expect(report.problems).toEqual([
      {
        kind: 'custody',
        path: 'custody-log.json',
        message: `The last entry of custody-log.json has the hash ${hash(2)}; the manifest says ${hash(3)}.`,
      },
    ]);
  });

  it('reports a manifest whose entry count is not the file’s as a custody problem', async () => {
    const entries = await bundle(custody);
    const manifest = manifestOf(entries);
    manifest.custody.entries = 3;
    const report = await verifyBundle(zipSync({ ...entries, 'manifest.json': strToU8(JSON.stringify(manifest)) }));
    expect(report.problems.map((problem) => problem.kind)).toEqual(['custody']);
    expect(report.problems[0]?.message).toMatch(/holds 2 custody entries; the manifest says 3/);
  });

  it('reads a manifest from before custody existed as custody: null', async () => {
    const entries = await bundle();
    const { custody: _none, ...older } = manifestOf(entries);
    const report = await verifyBundle(zipSync({ ...entries, 'manifest.json': strToU8(JSON.stringify(older)) }));
    expect(report.manifest.custody).toBeNull();
  });
});

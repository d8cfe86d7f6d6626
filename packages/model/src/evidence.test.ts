import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { readLog } from './activityLog.js';
import { addClaim } from './claims.js';
import {
  captureEvidence,
  countEvidence,
  deleteEvidence,
  EDITABLE_EVIDENCE_FIELDS,
  type EvidenceCapture,
  type EvidenceFile,
  getEvidence,
  listEvidence,
  QUOTE_MIME,
  quoteFile,
  restoreEvidence,
  updateEvidence,
} from './evidence.js';
import { alice, bob, by, expectRefused, newCase, replicaOf, sync } from './testSupport.js';

const png: EvidenceFile = {
  sha256: 'a'.repeat(64),
  size: 2048,
  mime: 'image/png',
  name: 'post.png',
  role: 'original',
};
const webCapture: EvidenceCapture = {
  kind: 'webCapture',
  captureTool: 'Casefile 0.1 (web capture)',
  sourceUrl: 'http://example.org/short',
  finalUrl: 'https://example.org/long/post',
  title: 'The post',
  files: [
    { ...png, role: 'screenshot', name: 'page.png' },
    { sha256: 'b'.repeat(64), size: 90000, mime: 'multipart/related', name: 'page.mhtml', role: 'snapshot' },
  ],
};

describe('capturing evidence', () => {
  it('records every kind with who captured it, when and with what, and logs the hashes', () => {
    const doc = newCase();
    const at = '2026-05-01T13:00:00.000Z';
    const link = captureEvidence(
      doc,
      { kind: 'link', captureTool: 'Casefile 0.1 (link)', sourceUrl: 'https://example.org/a', title: 'A post' },
      by(alice, at),
    );
    const file = captureEvidence(
      doc,
      { kind: 'file', captureTool: 'Casefile 0.1 (file picker)', files: [png] },
      by(alice),
    );
    const shot = captureEvidence(
      doc,
      { kind: 'screenshot', captureTool: 'Casefile 0.1 (paste)', files: [png] },
      by(bob),
    );
    const page = captureEvidence(doc, webCapture, by(alice));
    const { file: quoted } = quoteFile('Russian-Kazakh relations are at a high level', 'quote-1.txt');
    const quote = captureEvidence(
      doc,
      {
        kind: 'quote',
        captureTool: 'Casefile 0.1 (quote)',
        quote: 'Russian-Kazakh relations are at a high level',
        files: [quoted],
      },
      by(alice),
    );
    expect(getEvidence(doc, link)).toEqual({
      id: link,
      kind: 'link',
      title: 'A post',
      sourceUrl: 'https://example.org/a',
      finalUrl: '',
      quote: '',
      files: [],
      capturedAt: at,
      capturedBy: alice,
      captureTool: 'Casefile 0.1 (link)',
      description: '',
      reliability: null,
      credibility: null,
      tags: [],
      claimIds: [],
      actorIds: [],
      eventIds: [],
      derivedFrom: null,
      deleted: null,
    });
    expect(getEvidence(doc, file)?.files).toEqual([png]);
    expect(getEvidence(doc, shot)?.capturedBy).toEqual(bob);
    expect(getEvidence(doc, page)).toMatchObject({
      finalUrl: 'https://example.org/long/post',
      files: webCapture.files,
    });
    expect(getEvidence(doc, quote)?.files[0]).toMatchObject({ mime: QUOTE_MIME, size: 44 });
    expect(listEvidence(doc)).toHaveLength(5);
    const created = readLog(doc).filter((entry) => entry.target.type === 'evidence' && entry.action === 'created');
    expect(created).toHaveLength(5);
    expect(created.find((entry) => entry.target.id === page)?.fields.files).toEqual(webCapture.files);
  });

  it('hashes a quote as the UTF-8 bytes of its text', () => {
    const { bytes, file } = quoteFile('Аргументы и факты');
    expect(new TextDecoder().decode(bytes)).toBe('Аргументы и факты');
    expect(file).toEqual({
      sha256: bytesToHex(sha256(new TextEncoder().encode('Аргументы и факты'))),
      size: 32,
      mime: 'text/plain; charset=utf-8',
      name: 'quote.txt',
      role: 'original',
    });
  });

  it('keeps a derived artefact pointing to its original', () => {
    const doc = newCase();
    const original = captureEvidence(doc, { kind: 'screenshot', captureTool: 't', files: [png] }, by(alice));
    const crop = captureEvidence(
      doc,
      {
        kind: 'screenshot',
        captureTool: 'Casefile 0.1 (crop)',
        files: [{ ...png, sha256: 'c'.repeat(64) }],
        derivedFrom: original,
      },
      by(alice),
    );
    expect(getEvidence(doc, crop)?.derivedFrom).toBe(original);
  });

  it('refuses bad captures with a clear message and writes nothing', () => {
    const doc = newCase();
    expectRefused(
      doc,
      () => captureEvidence(doc, { kind: 'video' as never, captureTool: 't' }, by(alice)),
      /Unknown evidence kind "video"; use one of: link, file, screenshot, webCapture, quote/,
    );
    expectRefused(
      doc,
      () => captureEvidence(doc, { kind: 'link', captureTool: 't', sourceUrl: 'https//example.org' }, by(alice)),
      /source address is not a valid web address: "https\/\/example\.org"/,
    );
    expectRefused(
      doc,
      () => captureEvidence(doc, { kind: 'link', captureTool: 't', sourceUrl: 'ftp://example.org/file' }, by(alice)),
      /not a valid web address/,
    );
    expectRefused(doc, () => captureEvidence(doc, { kind: 'link', captureTool: 't' }, by(alice)), /needs the address/);
    expectRefused(
      doc,
      () => captureEvidence(doc, { ...webCapture, sourceUrl: 'not a url' }, by(alice)),
      /not a valid web address/,
    );
    expectRefused(
      doc,
      () => captureEvidence(doc, { kind: 'file', captureTool: 't', files: [] }, by(alice)),
      /A file needs its captured file/,
    );
    const { sha256: _missing, ...noHash } = png;
    expectRefused(
      doc,
      () => captureEvidence(doc, { kind: 'file', captureTool: 't', files: [noHash as EvidenceFile] }, by(alice)),
      /missing its SHA-256, taken from the file’s bytes at capture/,
    );
    expectRefused(
      doc,
      () => captureEvidence(doc, { kind: 'file', captureTool: 't', files: [{ ...png, sha256: '' }] }, by(alice)),
      /missing its SHA-256/,
    );
    expectRefused(
      doc,
      () =>
        captureEvidence(
          doc,
          { kind: 'file', captureTool: 't', files: [{ ...png, sha256: 'A'.repeat(64) }] },
          by(alice),
        ),
      /"A{64}" is not a SHA-256: it is taken from the file’s bytes at capture \(64 lowercase hexadecimal characters\)/,
    );
    expectRefused(
      doc,
      () => captureEvidence(doc, { kind: 'file', captureTool: 't', files: [{ ...png, sha256: 'abc' }] }, by(alice)),
      /not a SHA-256/,
    );
    expectRefused(
      doc,
      () => captureEvidence(doc, { kind: 'file', captureTool: 't', files: [{ ...png, size: -1 }] }, by(alice)),
      /size cannot be negative/,
    );
    expectRefused(
      doc,
      () => captureEvidence(doc, { kind: 'file', captureTool: 't', files: [{ ...png, mime: 'png' }] }, by(alice)),
      /MIME type is written type\/subtype/,
    );
    expectRefused(
      doc,
      () =>
        captureEvidence(
          doc,
          { kind: 'link', captureTool: 't', sourceUrl: 'https://example.org', files: [png] },
          by(alice),
        ),
      /A link holds no files/,
    );
    expectRefused(
      doc,
      () =>
        captureEvidence(
          doc,
          { kind: 'quote', captureTool: 't', quote: 'Words', files: [quoteFile('Other words').file] },
          by(alice),
        ),
      /quote’s first file must be its text as UTF-8 bytes/,
    );
    expectRefused(
      doc,
      () =>
        captureEvidence(doc, { kind: 'file', captureTool: 't', files: [png], reliability: 'G' as never }, by(alice)),
      /Source reliability is a grade from A .* to F .*; got "G"/,
    );
    expectRefused(
      doc,
      () => captureEvidence(doc, { kind: 'file', captureTool: 't', files: [png], credibility: 7 as never }, by(alice)),
      /Information credibility is a grade from 1 .* to 6 .*; got 7/,
    );
    expectRefused(
      doc,
      () => captureEvidence(doc, { kind: 'file', captureTool: '', files: [png] }, by(alice)),
      /Say what captured the evidence/,
    );
    expectRefused(
      doc,
      () => captureEvidence(doc, { kind: 'file', captureTool: 't', files: [png], derivedFrom: 'nothing' }, by(alice)),
      /derivedFrom names "nothing", which is no evidence item/,
    );
    expectRefused(
      doc,
      () => captureEvidence(doc, { kind: 'file', captureTool: 't', files: [png], tags: [' '] }, by(alice)),
      /A tag cannot be empty/,
    );
    expect(listEvidence(doc, { includeDeleted: true })).toEqual([]);
  });
});

describe('editing evidence', () => {
  it('changes title, description, tags, grading and links, logging the new values', () => {
    const doc = newCase();
    const claim = addClaim(doc, { text: 'NATO opened a centre' }, by(alice));
    const id = captureEvidence(doc, { kind: 'file', captureTool: 't', files: [png] }, by(alice));
    updateEvidence(
      doc,
      id,
      {
        title: 'Post',
        description: 'The first post',
        tags: ['nato', 'nato', 'photo'],
        reliability: 'B',
        credibility: 2,
        claimIds: [claim],
      },
      by(bob, '2026-05-01T14:00:00.000Z'),
    );
    expect(getEvidence(doc, id)).toMatchObject({
      title: 'Post',
      description: 'The first post',
      tags: ['nato', 'photo'],
      reliability: 'B',
      credibility: 2,
      claimIds: [claim],
      files: [png],
    });
    expect(readLog(doc).at(-1)).toMatchObject({
      action: 'changed',
      by: bob,
      fields: { reliability: 'B', credibility: 2, tags: ['nato', 'photo'], claimIds: [claim] },
    });
    updateEvidence(doc, id, { reliability: null, credibility: null }, by(bob, '2026-05-01T14:01:00.000Z'));
    expect(getEvidence(doc, id)).toMatchObject({ reliability: null, credibility: null });
  });

  it('refuses any change to what was captured, naming the field and the way out', () => {
    const doc = newCase();
    const id = captureEvidence(doc, webCapture, by(alice));
    for (const field of [
      'files',
      'sourceUrl',
      'finalUrl',
      'kind',
      'capturedAt',
      'capturedBy',
      'captureTool',
      'quote',
      'derivedFrom',
      'deleted',
    ]) {
      const error = expectRefused(
        doc,
        () => updateEvidence(doc, id, { title: 'New', [field]: 'x' } as never, by(alice)),
        new RegExp(
          `The ${field} of captured evidence cannot be changed after capture; capture a new item \\(derivedFrom\\) instead`,
        ),
      );
      expect(error.field).toBe(field);
    }
    expect(EDITABLE_EVIDENCE_FIELDS).toEqual([
      'title',
      'description',
      'tags',
      'reliability',
      'credibility',
      'claimIds',
      'actorIds',
      'eventIds',
    ]);
    expect(getEvidence(doc, id)?.title).toBe('The post');
  });

  it('merges grading on one replica with a description on another', () => {
    const a = newCase();
    const id = captureEvidence(a, webCapture, by(alice));
    const b = replicaOf(a);
    updateEvidence(a, id, { reliability: 'C', credibility: 3 }, by(alice));
    updateEvidence(b, id, { description: 'Reposted from a channel' }, by(bob));
    sync(a, b);
    expect(getEvidence(a, id)).toMatchObject({
      reliability: 'C',
      credibility: 3,
      description: 'Reposted from a channel',
    });
    expect(getEvidence(b, id)).toEqual(getEvidence(a, id));
  });
});

describe('deleting evidence', () => {
  it('leaves a tombstone (who, when, why) hidden by default; restoring brings the item back unchanged', () => {
    const doc = newCase();
    const id = captureEvidence(doc, { ...webCapture, tags: ['photo'] }, by(alice));
    const before = getEvidence(doc, id);
    deleteEvidence(doc, id, 'Duplicate of the first capture', by(bob, '2026-05-02T09:00:00.000Z'));
    expect(listEvidence(doc)).toEqual([]);
    const [tombstoned] = listEvidence(doc, { includeDeleted: true });
    expect(tombstoned?.deleted).toEqual({
      by: bob,
      at: '2026-05-02T09:00:00.000Z',
      reason: 'Duplicate of the first capture',
    });
    expect(tombstoned?.files).toEqual(webCapture.files);
    expect(readLog(doc).at(-1)).toMatchObject({
      action: 'deleted',
      by: bob,
      target: { type: 'evidence', id, label: 'The post' },
      fields: { reason: 'Duplicate of the first capture' },
    });
    expectRefused(doc, () => updateEvidence(doc, id, { title: 'x' }, by(alice)), /deleted; restore it before editing/);
    expectRefused(doc, () => deleteEvidence(doc, id, 'again', by(alice)), /already deleted by Bob Researcher/);

    restoreEvidence(doc, id, by(alice, '2026-05-02T10:00:00.000Z'));
    expect(getEvidence(doc, id)).toEqual(before);
    expect(listEvidence(doc).map((item) => item.id)).toEqual([id]);
    expect(readLog(doc).at(-1)).toMatchObject({ action: 'restored', by: alice, target: { id } });
    expectRefused(doc, () => restoreEvidence(doc, id, by(alice)), /not deleted; there is nothing to restore/);
  });

  it('counts what it lists, deleted items only when asked, without reading the items', () => {
    const doc = newCase();
    const kept = captureEvidence(doc, webCapture, by(alice));
    const deleted = captureEvidence(doc, { ...webCapture, title: 'A duplicate' }, by(alice));
    deleteEvidence(doc, deleted, 'Duplicate of the first capture', by(bob));
    // Not a map: something a client of another version might write; neither listed nor counted.
    doc.getMap('evidence').set('not-an-item', 'garbage');
    expect(countEvidence(doc)).toBe(listEvidence(doc).length);
    expect(countEvidence(doc)).toBe(1);
    expect(countEvidence(doc, { includeDeleted: true })).toBe(listEvidence(doc, { includeDeleted: true }).length);
    expect(countEvidence(doc, { includeDeleted: true })).toBe(2);
    restoreEvidence(doc, deleted, by(alice));
    expect(countEvidence(doc)).toBe(2);
    expect(
      listEvidence(doc)
        .map((item) => item.id)
        .sort(),
    ).toEqual([kept, deleted].sort());
  });

  it('requires a reason and an existing item', () => {
    const doc = newCase();
    const id = captureEvidence(doc, webCapture, by(alice));
    expectRefused(doc, () => deleteEvidence(doc, id, '  ', by(alice)), /Say why this evidence is deleted/);
    expectRefused(doc, () => deleteEvidence(doc, 'nope', 'reason', by(alice)), /No evidence item with id "nope"/);
  });
});

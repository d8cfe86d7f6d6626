import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  initCase,
  isCaseInitialized,
  MAX_TITLE_LENGTH,
  observeMeta,
  readMeta,
  richTextPlainText,
  richTextRoot,
  SCHEMA_VERSION,
  setStatus,
  setSummary,
  setTitle,
} from './caseDocument.js';
import { ValidationError } from './errors.js';
import { alice, bob, by } from './testSupport.js';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('a new case', () => {
  it('starts open, in English, stamped with the schema version and creation time', () => {
    const doc = new Y.Doc();
    const now = new Date('2026-11-01T10:00:00Z');
    initCase(doc, { title: 'NATO centre in Astana', now });
    expect(readMeta(doc)).toEqual({
      title: 'NATO centre in Astana',
      summary: '',
      status: 'open',
      language: 'en',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      schemaVersion: SCHEMA_VERSION,
    });
    expect(isCaseInitialized(doc)).toBe(true);
  });

  it('is initialised once: a second initialisation is refused and changes nothing', () => {
    const doc = new Y.Doc();
    initCase(doc, { title: 'First' });
    expect(() => initCase(doc, { title: 'Second' })).toThrow(ValidationError);
    expect(readMeta(doc).title).toBe('First');
  });

  it('refuses an over-long title and a status off the scale, leaving the document unchanged', () => {
    const doc = new Y.Doc();
    expect(() => initCase(doc, { title: 'x'.repeat(MAX_TITLE_LENGTH + 1) })).toThrow(/at most 300/);
    expect(isCaseInitialized(doc)).toBe(false);
    initCase(doc, { title: 'Ok' });
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => setStatus(doc, 'debunked' as never, by(alice))).toThrow(
      /one of: open, in review, published, archived/,
    );
    expect(() => setTitle(doc, 'y'.repeat(MAX_TITLE_LENGTH + 1), by(alice))).toThrow(ValidationError);
    expect(() => setTitle(doc, 'Anonymous', undefined as never)).toThrow(/records who made it/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});

describe('editing meta', () => {
  it('updates the field and the updated time, and tells observers', () => {
    const doc = new Y.Doc();
    initCase(doc, { now: new Date('2026-11-01T10:00:00Z') });
    const seen: string[] = [];
    const stop = observeMeta(doc, (meta) => seen.push(meta.title));
    setTitle(doc, 'Renamed', by(alice, '2026-11-02T10:00:00Z'));
    setSummary(doc, 'A fake story', by(alice, '2026-11-03T10:00:00Z'));
    setStatus(doc, 'in review', by(alice, '2026-11-04T10:00:00Z'));
    stop();
    setTitle(doc, 'Not observed', by(alice, '2026-11-05T10:00:00Z'));
    expect(seen).toEqual(['Renamed', 'Renamed', 'Renamed']);
    const meta = readMeta(doc);
    expect(meta.summary).toBe('A fake story');
    expect(meta.status).toBe('in review');
    expect(meta.updatedAt).toBe('2026-11-05T10:00:00.000Z');
  });

  it('writes nothing when a field is set to the value it already has', () => {
    const doc = new Y.Doc();
    initCase(doc, { title: 'Same' });
    const before = Y.encodeStateVector(doc);
    setTitle(doc, 'Same', by(alice));
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('merges concurrent edits of different fields from two replicas', () => {
    const a = new Y.Doc();
    initCase(a, { title: 'Start' });
    const b = new Y.Doc();
    sync(a, b);
    setTitle(a, 'Title from A', by(alice));
    setSummary(b, 'Summary from B', by(bob));
    sync(a, b);
    expect(readMeta(a)).toEqual(readMeta(b));
    expect(readMeta(a).title).toBe('Title from A');
    expect(readMeta(a).summary).toBe('Summary from B');
  });
});

describe('rich-text roots', () => {
  it('are separate XmlElements per field, read back as plain text', () => {
    const doc = new Y.Doc();
    const notes = richTextRoot(doc, 'notes');
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    notes.insert(0, [paragraph]);
    text.insert(0, 'The photo is genuine.');
    expect(richTextPlainText(doc, 'notes')).toBe('The photo is genuine.');
    expect(richTextPlainText(doc, 'verdictRationale')).toBe('');
    expect(richTextRoot(doc, 'notes')).toBe(notes);
  });
});

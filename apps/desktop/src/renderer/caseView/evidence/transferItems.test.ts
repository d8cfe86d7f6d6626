import { describe, expect, it } from 'vitest';
import { carriesFiles, classifyTransferEntry, filesFromTransfer } from './transferItems';

function item(kind: string, type: string, file: File | null = null) {
  return { kind, type, getAsFile: () => file };
}

describe('classifyTransferEntry', () => {
  it('makes a pasted or dropped raster image a screenshot', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/webp', 'image/gif']) {
      expect(classifyTransferEntry({ kind: 'file', type }, 'paste')).toBe('screenshot');
      expect(classifyTransferEntry({ kind: 'file', type }, 'drop')).toBe('screenshot');
    }
  });

  it('makes any other file file evidence, including vector images and files of no known type', () => {
    expect(classifyTransferEntry({ kind: 'file', type: 'application/pdf' }, 'drop')).toBe('file');
    expect(classifyTransferEntry({ kind: 'file', type: 'image/svg+xml' }, 'paste')).toBe('file');
    expect(classifyTransferEntry({ kind: 'file', type: '' }, 'drop')).toBe('file');
  });

  it('keeps a picked image file evidence: Add file is for files', () => {
    expect(classifyTransferEntry({ kind: 'file', type: 'image/png' }, 'picker')).toBe('file');
  });

  it('leaves pasted text alone', () => {
    expect(classifyTransferEntry({ kind: 'string', type: 'text/plain' }, 'paste')).toBeNull();
    expect(classifyTransferEntry({ kind: 'string', type: 'text/html' }, 'paste')).toBeNull();
  });
});

describe('filesFromTransfer', () => {
  const png = new File([new Uint8Array([137, 80, 78, 71])], 'image.png', { type: 'image/png' });
  const pdf = new File(['%PDF-1.7'], 'report.pdf', { type: 'application/pdf' });

  it('takes the files of a clipboard with text and an image, and only them', () => {
    const classified = filesFromTransfer(
      { items: [item('string', 'text/html'), item('file', 'image/png', png)], files: [png] },
      'paste',
    );
    expect(classified).toEqual([{ file: png, kind: 'screenshot' }]);
  });

  it('falls back to `files` when the browser gives no items', () => {
    expect(filesFromTransfer({ files: [pdf, png] }, 'drop')).toEqual([
      { file: pdf, kind: 'file' },
      { file: png, kind: 'screenshot' },
    ]);
  });

  it('gives nothing for a paste of text only, or no transfer at all', () => {
    expect(filesFromTransfer({ items: [item('string', 'text/plain')], files: [] }, 'paste')).toEqual([]);
    expect(filesFromTransfer(null, 'paste')).toEqual([]);
  });

  it('treats every picked file as a file', () => {
    expect(filesFromTransfer({ files: [png, pdf] }, 'picker').map((each) => each.kind)).toEqual(['file', 'file']);
  });
});

describe('carriesFiles', () => {
  it('is true only while files are dragged', () => {
    expect(carriesFiles(['Files'])).toBe(true);
    expect(carriesFiles(['text/plain', 'Files'])).toBe(true);
    expect(carriesFiles(['text/uri-list'])).toBe(false);
    expect(carriesFiles(undefined)).toBe(false);
  });
});

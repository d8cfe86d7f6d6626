import { isScreenshotMime, mimeOfFile } from './fileTypes';

/** Where files come from: the Add file picker, a drop on the section, or the clipboard. */
export type TransferSource = 'picker' | 'drop' | 'paste';

export type TransferEvidenceKind = 'file' | 'screenshot';

/** The parts of a DataTransferItem (or a File) that decide what it becomes. */
export interface TransferEntry {
  /** 'file' or 'string' for DataTransferItem; files given directly count as 'file'. */
  kind: string;
  type: string;
}

/**
 * What a clipboard or drop entry becomes: a raster image pasted or dropped is a screenshot, any
 * other file is file evidence, and text is nothing (pasting words into a field stays a paste).
 * A file picked with Add file is always file evidence, whatever its type: the investigator chose
 * "a file", and an image picked from disk is seldom a screen capture.
 */
export function classifyTransferEntry(entry: TransferEntry, source: TransferSource): TransferEvidenceKind | null {
  if (entry.kind !== 'file') return null;
  if (source === 'picker') return 'file';
  return isScreenshotMime(mimeOfFile(entry.type)) ? 'screenshot' : 'file';
}

export interface ClassifiedFile {
  file: File;
  kind: TransferEvidenceKind;
}

interface TransferLike {
  readonly items?: ArrayLike<{ kind: string; type: string; getAsFile(): File | null }> | null;
  readonly files?: ArrayLike<File> | null;
}

/**
 * The files in a paste or drop, each with the kind of evidence it becomes. Items are read first
 * (a pasted screenshot is an item); `files` is the fallback for browsers that fill only that.
 */
export function filesFromTransfer(transfer: TransferLike | null, source: TransferSource): ClassifiedFile[] {
  if (!transfer) return [];
  const classified: ClassifiedFile[] = [];
  const items = transfer.items ? Array.from(transfer.items) : [];
  for (const item of items) {
    const kind = classifyTransferEntry(item, source);
    if (kind === null) continue;
    const file = item.getAsFile();
    if (file) classified.push({ file, kind });
  }
  if (classified.length > 0 || items.some((item) => item.kind === 'file')) return classified;
  for (const file of transfer.files ? Array.from(transfer.files) : []) {
    const kind = classifyTransferEntry({ kind: 'file', type: file.type }, source);
    if (kind !== null) classified.push({ file, kind });
  }
  return classified;
}

/** True while something being dragged carries files (text or links dragged about do not count). */
export function carriesFiles(types: readonly string[] | null | undefined): boolean {
  return !!types && Array.from(types).includes('Files');
}

import { captureEvidence, deleteEvidence, initCase, listEvidence, quoteFile } from '@casefile/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type CaseFile,
  copyCaseFilesToDevice,
  describeOfflineCopy,
  filesOfCase,
  type OfflineCopyOptions,
  type OfflineCopyProgress,
} from './caseOfflineCopy';

const change = { by: { id: 'alice', name: 'Alice' } };
const sha = (digit: string) => digit.repeat(64);

function file(digit: string, name = `${digit}.txt`): CaseFile {
  return { sha256: sha(digit), name, mime: 'text/plain', size: 1 };
}

function options(overrides: Partial<OfflineCopyOptions> & Pick<OfflineCopyOptions, 'files'>) {
  const progress: OfflineCopyProgress[] = [];
  const fetched: string[] = [];
  const run: OfflineCopyOptions = {
    storedHashes: async () => new Set(),
    fetchFile: async (each) => {
      fetched.push(each.name);
    },
    fetchBlocked: () => null,
    describeFailure: (error) => (error instanceof Error ? error.message : String(error)),
    onProgress: (each) => progress.push(each),
    signal: new AbortController().signal,
    ...overrides,
  };
  return { run, progress, fetched };
}

describe('filesOfCase', () => {
  it('lists each file of the evidence not deleted once, quotes with their text', () => {
    const doc = new Y.Doc();
    initCase(doc, { title: 'Offline' });
    const record = (digit: string, name: string) => ({
      sha256: sha(digit),
      size: 1,
      mime: 'text/plain',
      name,
      role: 'original' as const,
    });
    captureEvidence(doc, { kind: 'file', captureTool: 't', files: [record('1', 'a.txt')] }, change);
    captureEvidence(doc, { kind: 'file', captureTool: 't', files: [record('1', 'copy of a.txt')] }, change);
    const gone = captureEvidence(doc, { kind: 'file', captureTool: 't', files: [record('2', 'b.txt')] }, change);
    deleteEvidence(doc, gone, 'duplicate', change);
    const words = 'Russian-Kazakh relations are at a high level.';
    const quote = quoteFile(words);
    captureEvidence(doc, { kind: 'quote', captureTool: 't', quote: words, files: [quote.file] }, change);

    const files = filesOfCase(listEvidence(doc));
    expect(files.map((each) => each.name)).toEqual(['a.txt', quote.file.name]);
    expect(files[1]?.quote).toBe(words);
  });
});

describe('copyCaseFilesToDevice', () => {
  it('fetches only what is missing and counts every file on the device as it goes', async () => {
    const { run, progress, fetched } = options({
      files: [file('1'), file('2'), file('3')],
      storedHashes: async () => new Set([sha('2')]),
      concurrency: 1,
    });
    const result = await copyCaseFilesToDevice(run);
    expect(fetched).toEqual(['1.txt', '3.txt']);
    expect(progress).toEqual([
      { onDevice: 1, total: 3 },
      { onDevice: 2, total: 3 },
      { onDevice: 3, total: 3 },
    ]);
    expect(describeOfflineCopy(result)).toBe('All 3 files of this case are on this device.');
  });

  it('lists each file that failed with its reason and fetches the rest', async () => {
    const { run } = options({
      files: [file('1'), file('2'), file('3')],
      fetchFile: async (each) => {
        if (each.name === '2.txt') throw new Error('This file is not on the sync server yet.');
      },
    });
    const result = await copyCaseFilesToDevice(run);
    expect(result.failures).toEqual([
      { sha256: sha('2'), name: '2.txt', message: 'This file is not on the sync server yet.' },
    ]);
    expect(describeOfflineCopy(result)).toBe('2 of 3 files of this case are on this device; 1 file is not.');
  });

  it('fetches nothing from a server it cannot reach, but still makes quotes again from their text', async () => {
    const { run, fetched } = options({
      files: [file('1'), { ...file('2', 'quote.txt'), quote: 'words' }],
      fetchBlocked: () => 'You are offline: connect, then try again.',
    });
    const result = await copyCaseFilesToDevice(run);
    expect(fetched).toEqual(['quote.txt']);
    expect(describeOfflineCopy(result)).toBe(
      '1 of 2 files of this case are on this device; 1 file is not. You are offline: connect, then try again.',
    );
  });

  it('stops at once when cancelled, even in the middle of a download', async () => {
    const stop = new AbortController();
    const started: string[] = [];
    const { run } = options({
      files: [file('1'), file('2'), file('3')],
      concurrency: 1,
      signal: stop.signal,
      fetchFile: async (each) => {
        started.push(each.name);
        if (each.name === '2.txt') {
          stop.abort();
          await new Promise(() => {});
        }
      },
    });
    const result = await copyCaseFilesToDevice(run);
    expect(started).toEqual(['1.txt', '2.txt']);
    expect(result.cancelled).toBe(true);
    expect(describeOfflineCopy(result)).toBe('Stopped. 1 of 3 files of this case are on this device.');
  });

  it('says so when everything is here already, one file or none', async () => {
    const one = await copyCaseFilesToDevice(
      options({ files: [file('1')], storedHashes: async () => new Set([sha('1')]) }).run,
    );
    expect(describeOfflineCopy(one)).toBe('The 1 file of this case is on this device.');
    const none = await copyCaseFilesToDevice(options({ files: [] }).run);
    expect(describeOfflineCopy(none)).toBe('This case has no files yet: everything in it is already on this device.');
  });
});

import { describe, expect, it } from 'vitest';
import { describeWaitingSaves } from './storageTrouble';

class QuotaError extends Error {
  override name = 'QuotaError';
}
class StorageError extends Error {
  override name = 'StorageError';
}

describe('describeWaitingSaves', () => {
  it('says the device is out of space, what waits, that earlier work is safe and that Casefile retries', () => {
    expect(
      describeWaitingSaves([
        { what: 'The file clip.mp4 (12 MB)', error: new QuotaError('full') },
        { what: 'Changes to the case “Astana”', error: new QuotaError('full') },
        { what: 'Changes to the case “Astana”', error: new QuotaError('full') },
      ]),
    ).toBe(
      'This device is out of storage space for Casefile: the file clip.mp4 (12 MB) and changes to the case “Astana” could not be saved yet. Your earlier work is safe; free some space — Casefile retries saving automatically.',
    );
  });

  it('keeps a long list short', () => {
    const saves = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => ({
      what: `The file ${name}`,
      error: new QuotaError(''),
    }));
    expect(describeWaitingSaves(saves)).toMatch(
      /: the file a, the file b, the file c and 3 more could not be saved yet\./,
    );
  });

  it('names another failure by its cause', () => {
    const error = new StorageError('could not be saved', {
      cause: Object.assign(new Error('x'), { name: 'AbortError' }),
    });
    expect(describeWaitingSaves([{ what: 'Changes to the list of cases', error }])).toBe(
      'Casefile could not save changes to the list of cases yet (AbortError). Your earlier work is safe; Casefile retries saving automatically.',
    );
  });
});

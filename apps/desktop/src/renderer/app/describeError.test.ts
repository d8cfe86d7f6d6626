import { describe, expect, it } from 'vitest';
import { describeError } from './describeError';

class StorageError extends Error {
  override name = 'StorageError';
}

describe('describeError', () => {
  it('passes through errors that already say what to do', () => {
    expect(describeError(new StorageError('The disk is full. Free some space.'), 'Saving')).toBe(
      'The disk is full. Free some space.',
    );
  });

  it('says what failed and what to try for anything else', () => {
    expect(describeError(new TypeError('x is undefined'), 'Creating the case')).toMatch(
      /^Creating the case failed: x is undefined\. Try again/,
    );
    expect(describeError('boom', 'Saving')).toMatch(/^Saving failed \(boom\)/);
  });
});

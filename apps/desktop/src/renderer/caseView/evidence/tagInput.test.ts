import { describe, expect, it } from 'vitest';
import { mergeTags, splitTags } from './tagInput';

describe('tags typed in the tag box', () => {
  it('split on commas, trimmed, empty ones dropped', () => {
    expect(splitTags(' denial ,  context,, Republic   Day ')).toEqual(['denial', 'context', 'Republic Day']);
    expect(splitTags(' , ')).toEqual([]);
  });

  it('are added once, whatever their case', () => {
    expect(mergeTags(['Denial'], ['denial', 'context', 'CONTEXT'])).toEqual(['Denial', 'context']);
  });
});

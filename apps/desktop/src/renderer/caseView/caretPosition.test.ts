import { describe, expect, it } from 'vitest';
import { carryCaret } from './caretPosition';

describe('carryCaret', () => {
  it('keeps a caret before the remote edit where it is', () => {
    expect(carryCaret('Peacekeeping centre', 'Peacekeeping centre (checked)', 5)).toBe(5);
  });

  it('moves a caret after the remote edit by the inserted or deleted length', () => {
    expect(carryCaret('centre', 'NATO centre', 6)).toBe(11);
    expect(carryCaret('NATO centre', 'centre', 11)).toBe(6);
  });

  it('puts a caret inside a replaced stretch at its end', () => {
    expect(carryCaret('abcXYZdef', 'abc12def', 5)).toBe(5);
    expect(carryCaret('abcXYZdef', 'abcdef', 4)).toBe(3);
  });

  it('stays within the new text', () => {
    expect(carryCaret('hello', '', 5)).toBe(0);
    expect(carryCaret('', 'hello', 0)).toBe(0);
  });
});

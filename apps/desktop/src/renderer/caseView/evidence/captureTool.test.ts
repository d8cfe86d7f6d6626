import { describe, expect, it } from 'vitest';
import { captureToolName } from './captureTool';

describe('captureToolName', () => {
  it('names the app, its version and the way the evidence came in', () => {
    expect(captureToolName('0.1.0', 'file input')).toBe('Casefile 0.1.0 (file input)');
    expect(captureToolName('0.1.0', 'drop')).toBe('Casefile 0.1.0 (drop)');
    expect(captureToolName('0.1.0', 'paste')).toBe('Casefile 0.1.0 (paste)');
    expect(captureToolName('1.2.3-beta.1', 'web capture')).toBe('Casefile 1.2.3-beta.1 (web capture)');
  });

  it('says so when the version is unknown rather than writing an empty one', () => {
    expect(captureToolName('  ', 'quote form')).toBe('Casefile unknown version (quote form)');
  });
});

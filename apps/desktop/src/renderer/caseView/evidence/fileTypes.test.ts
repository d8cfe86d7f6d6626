import { describe, expect, it } from 'vitest';
import { isPreviewableImage, isScreenshotMime, mimeOfFile, pastedScreenshotName } from './fileTypes';

describe('mimeOfFile', () => {
  it('keeps a well-formed type, in lower case', () => {
    expect(mimeOfFile('image/PNG')).toBe('image/png');
    expect(mimeOfFile('text/plain; charset=utf-8')).toBe('text/plain; charset=utf-8');
  });

  it('records a file of unknown or malformed type as application/octet-stream', () => {
    expect(mimeOfFile('')).toBe('application/octet-stream');
    expect(mimeOfFile('not a type')).toBe('application/octet-stream');
  });
});

describe('image types', () => {
  it('previews raster images and SVG, and takes only raster images as screenshots', () => {
    expect(isPreviewableImage('image/svg+xml')).toBe(true);
    expect(isScreenshotMime('image/svg+xml')).toBe(false);
    expect(isPreviewableImage('image/jpeg')).toBe(true);
    expect(isPreviewableImage('application/pdf')).toBe(false);
  });
});

describe('pastedScreenshotName', () => {
  it('names a pasted image by the moment it came in, with the extension of its type', () => {
    expect(pastedScreenshotName('image/png', new Date('2024-05-01T12:34:56Z'))).toBe('screenshot-20240501T123456Z.png');
    expect(pastedScreenshotName('image/jpeg', new Date('2024-05-01T12:34:56Z'))).toBe(
      'screenshot-20240501T123456Z.jpg',
    );
  });
});

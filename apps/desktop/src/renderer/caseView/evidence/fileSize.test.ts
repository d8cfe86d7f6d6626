import { describe, expect, it } from 'vitest';
import { formatByteCount, formatFileSize } from './fileSize';

describe('formatFileSize', () => {
  it('counts bytes below a kilobyte one by one', () => {
    expect(formatFileSize(0)).toBe('0 bytes');
    expect(formatFileSize(1)).toBe('1 byte');
    expect(formatFileSize(1023)).toBe('1,023 bytes');
  });

  it('shows one decimal below ten units and none above', () => {
    expect(formatFileSize(1024)).toBe('1 KB');
    expect(formatFileSize(1536)).toBe('1.5 KB');
    expect(formatFileSize(10 * 1024 + 300)).toBe('10 KB');
    expect(formatFileSize(5 * 1024 * 1024)).toBe('5 MB');
    expect(formatFileSize(120 * 1024 * 1024)).toBe('120 MB');
    expect(formatFileSize(3.25 * 1024 ** 3)).toBe('3.3 GB');
  });

  it('never shows 1024 of a unit', () => {
    expect(formatFileSize(1024 * 1024 - 1)).toBe('1 MB');
  });

  it('says the size is unknown for values that are not sizes', () => {
    expect(formatFileSize(-1)).toBe('unknown size');
    expect(formatFileSize(Number.NaN)).toBe('unknown size');
  });
});

describe('formatByteCount', () => {
  it('gives the exact count with thousands separators', () => {
    expect(formatByteCount(1)).toBe('1 byte');
    expect(formatByteCount(1234567)).toBe('1,234,567 bytes');
  });
});

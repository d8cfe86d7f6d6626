import { describe, expect, it } from 'vitest';
import { fileNameStamp, formatUtcTime } from './captureTime';

describe('formatUtcTime', () => {
  it('shows the stored moment in UTC and says so', () => {
    expect(formatUtcTime('2024-05-01T12:34:56.789Z')).toBe('2024-05-01 12:34:56 UTC');
  });

  it('converts a time written with an offset to UTC', () => {
    expect(formatUtcTime('2024-05-01T14:34:56+02:00')).toBe('2024-05-01 12:34:56 UTC');
  });

  it('says the time is unknown rather than inventing one', () => {
    expect(formatUtcTime('')).toBe('unknown time');
    expect(formatUtcTime('yesterday')).toBe('unknown time');
  });
});

describe('fileNameStamp', () => {
  it('is a compact UTC stamp safe in file names', () => {
    expect(fileNameStamp(new Date('2024-05-01T12:34:56.789Z'))).toBe('20240501T123456Z');
  });
});

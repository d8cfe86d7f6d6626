const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

const wholeBytes = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** "1 byte", "512 bytes", "1.5 KB", "12 MB" (powers of 1024, as file managers show them). */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown size';
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${wholeBytes.format(bytes)} bytes`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // One decimal below 10 ("1.5 MB"), none above ("120 MB"); never "1024 KB".
  let rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  if (rounded >= 1024 && unit < UNITS.length - 1) {
    rounded = 1;
    unit++;
  }
  return `${rounded} ${UNITS[unit]}`;
}

/** The exact count, for evidence where the byte count is part of the record: "1,536 bytes". */
export function formatByteCount(bytes: number): string {
  return bytes === 1 ? '1 byte' : `${wholeBytes.format(bytes)} bytes`;
}

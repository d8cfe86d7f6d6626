/**
 * A capture time as stored (ISO, UTC), shown as UTC and saying so: "2024-05-01 12:34:56 UTC".
 * Evidence times are never converted to the reader's zone: colleagues in several countries
 * must read the same moment the same way.
 */
export function formatUtcTime(iso: string): string {
  const date = new Date(iso);
  if (iso === '' || Number.isNaN(date.getTime())) return 'unknown time';
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A compact UTC stamp for file names: "20240501T123456Z". */
export function fileNameStamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replaceAll('-', '').replaceAll(':', '')}Z`;
}

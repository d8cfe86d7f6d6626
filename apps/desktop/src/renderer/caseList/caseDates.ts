/** "25 Nov 2025, 14:03" in the reader's locale; empty when the case has no valid date yet. */
export function formatUpdatedAt(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (iso === '' || Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

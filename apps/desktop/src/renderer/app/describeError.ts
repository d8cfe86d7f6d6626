/**
 * The one place that turns an error into what a person reads. Errors from the model and storage
 * already say what happened and what to do (ValidationError, StorageError, QuotaError); anything
 * else gets a sentence that at least says what to try.
 */
export function describeError(error: unknown, doing: string): string {
  if (error instanceof Error) {
    if (['ValidationError', 'StorageError', 'QuotaError', 'DesktopOnlyError'].includes(error.name))
      return error.message;
    return `${doing} failed: ${error.message || error.name}. Try again; if it keeps failing, reload Casefile (your saved work stays on this device).`;
  }
  return `${doing} failed (${String(error)}). Try again; if it keeps failing, reload Casefile.`;
}

/**
 * Errors an export or a verification raises; each message says what happened and what to do, so
 * the command line prints it as it is and the app shows it beside the Export button.
 */

/** The input (a case JSON file, a bundle, an option) is not what it should be; nothing was written. */
export class DossierInputError extends Error {
  override name = 'DossierInputError';
}

/** Stored evidence bytes no longer match the SHA-256 taken at capture; the export was stopped. */
export class DossierIntegrityError extends Error {
  override name = 'DossierIntegrityError';
}

/** The person cancelled the export (its AbortSignal fired); nothing was written. */
export class ExportCancelledError extends Error {
  override name = 'ExportCancelledError';
  constructor() {
    super('The export was cancelled; no file was written.');
  }
}

/** Throws ExportCancelledError once `signal` has fired: called between steps of an export. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExportCancelledError();
}

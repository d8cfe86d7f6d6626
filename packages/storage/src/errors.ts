/**
 * A failure of the local database. The message says what happened and what to do; the UI shows
 * it as it is.
 */
export class StorageError extends Error {
  override name = 'StorageError';
}

/** The disk, or the browser's storage quota for Casefile, is full. */
export class QuotaError extends StorageError {
  override name = 'QuotaError';
}

/**
 * Stored evidence bytes no longer hash to the SHA-256 taken at capture: the file was altered or
 * damaged on this device. Thrown on read; the UI shows a visible integrity warning on the item.
 */
export class IntegrityError extends StorageError {
  override name = 'IntegrityError';
  constructor(
    /** The SHA-256 taken at capture (the blob's address). */
    readonly sha256: string,
    /** What the stored bytes hash to now. */
    readonly actual: string,
  ) {
    super(
      'This file changed since it was captured (its SHA-256 no longer matches). The original is kept on the server; re-download or report it.',
    );
  }
}

/** How every message about a full disk starts, so that a person recognises it wherever it shows. */
export const OUT_OF_SPACE = 'This device is out of storage space for Casefile:';

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The names of an error and of the errors it wraps (Dexie keeps the original in `inner`). */
export function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { name, inner, cause } = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof name === 'string') names.push(name);
    current = inner ?? cause;
  }
  return names;
}

export function isQuotaExceeded(error: unknown): boolean {
  return errorNames(error).includes('QuotaExceededError');
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Turns a failed write into an error a person can act on. Errors that already say what to do
 * (the model's ValidationError, our own StorageError) pass through unchanged.
 */
export function writeFailure(error: unknown, what: string): Error {
  if (error instanceof StorageError) return error;
  if (isQuotaExceeded(error)) {
    return new QuotaError(
      `${OUT_OF_SPACE} ${lowerFirst(what)} could not be saved. Your earlier work is safe; free some space and try again.`,
      { cause: error },
    );
  }
  if (error instanceof Error && error.name === 'ValidationError') return error;
  if (error instanceof Error && errorNames(error).some((name) => DATABASE_ERROR_NAMES.has(name))) {
    return new StorageError(
      `${what} could not be saved (${describe(error)}). Reload Casefile and try again; nothing already saved was lost.`,
      { cause: error },
    );
  }
  return error instanceof Error ? error : new StorageError(`${what} could not be saved (${describe(error)}).`);
}

/** Turns a failed read or load into an error a person can act on; our own errors pass through. */
export function readFailure(error: unknown, what: string): Error {
  if (error instanceof StorageError) return error;
  if (error instanceof Error && error.name === 'ValidationError') return error;
  if (isQuotaExceeded(error)) return writeFailure(error, what);
  return new StorageError(`${what} could not be opened (${describe(error)}). Reload Casefile and try again.`, {
    cause: error,
  });
}

const DATABASE_ERROR_NAMES = new Set([
  'AbortError',
  'ConstraintError',
  'DatabaseClosedError',
  'DataCloneError',
  'DataError',
  'InvalidStateError',
  'InvalidTableError',
  'MissingAPIError',
  'NotFoundError',
  'OpenFailedError',
  'ReadOnlyError',
  'TransactionInactiveError',
  'UnknownError',
]);

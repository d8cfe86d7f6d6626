import { describeError } from '../../app/describeError';

export type FileProblem =
  /** The bytes no longer hash to the recorded SHA-256: they must never be shown as the original. */
  | { kind: 'integrity'; text: string }
  /** Not on this device and not fetched (no server, or not asked to). */
  | { kind: 'absent'; text: string }
  | { kind: 'failed'; text: string };

export const INTEGRITY_WARNING_PREFIX = 'Integrity warning:';

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

/** How a failed read of an evidence file is shown: an integrity warning, a missing file, or an error. */
export function fileProblemOf(error: unknown, doing: string): FileProblem {
  const message = error instanceof Error ? error.message : String(error);
  switch (nameOf(error)) {
    case 'IntegrityError':
      return { kind: 'integrity', text: `${INTEGRITY_WARNING_PREFIX} ${message}` };
    case 'NotOnDeviceError':
      return { kind: 'absent', text: message };
    case 'SyncError':
      // Not on the server yet, no server, offline, an interrupted download: said in full by sync.
      return { kind: 'absent', text: message };
    default:
      return { kind: 'failed', text: describeError(error, doing) };
  }
}

export function isCancelledRead(error: unknown): boolean {
  return nameOf(error) === 'ReadCancelledError';
}

import { describeError } from '../../app/describeError';

/**
 * The sentence the Export dialog shows for a failed export, or null for a cancel (which is not a
 * failure). Every sentence says that nothing was saved, since that is what a person worries about.
 */
export function describeExportFailure(error: unknown): string | null {
  if (!(error instanceof Error)) return describeError(error, 'The export');
  switch (error.name) {
    case 'ExportCancelledError':
    case 'AbortError':
      return null;
    case 'ServerExportError':
    case 'ServerUnreachableError':
    case 'DesktopOnlyError':
      return error.message;
    case 'DossierIntegrityError':
    case 'IntegrityError':
      return `${error.message} The export was stopped and nothing was saved: a dossier never carries altered evidence.`;
    case 'DossierInputError':
      return `${error.message} Nothing was saved.`;
    default:
      // Main's own message (a save that failed) already says what to do; keep it whole.
      if (/Nothing was (written|saved)/.test(error.message)) return stripIpcPrefix(error.message);
      return `The export failed: ${stripIpcPrefix(error.message) || error.name}. Nothing was saved; try again.`;
  }
}

/** Electron prefixes errors from main with "Error invoking remote method 'casefile:…': Error: ". */
function stripIpcPrefix(message: string): string {
  return message.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '');
}

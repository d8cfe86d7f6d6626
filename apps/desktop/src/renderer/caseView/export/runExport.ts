import { type DossierCase, dossierFileName, type ProgressListener } from '@casefile/dossier';
import type { CasefileBridge, ExportFormat } from '../../../shared/bridge';
import type { ExportDialogAction } from './exportDialogState';
import { describeExportFailure } from './exportErrors';
import type { FinishedExport } from './serverExport';

export interface ExportRun {
  bridge: Pick<CasefileBridge, 'chooseExportDestination' | 'saveExport'>;
  /** The case as a dossier: names the file before the export runs. */
  dossier: DossierCase;
  format: ExportFormat;
  signal: AbortSignal;
  /** Makes the file: on this device (desktop) or on the sync server (web). */
  produce: (onProgress: ProgressListener) => Promise<FinishedExport>;
  dispatch: (action: ExportDialogAction) => void;
}

/**
 * One export from the dialog: ask where, make the file, save it there. The file is saved only
 * once it is complete, and never after a cancel; any failure ends as a sentence in the dialog.
 */
export async function runExport({ bridge, dossier, format, signal, produce, dispatch }: ExportRun): Promise<void> {
  try {
    const destination = await bridge.chooseExportDestination({ fileName: dossierFileName(dossier, format), format });
    if (destination === null) {
      dispatch({ type: 'destination-cancelled' });
      return;
    }
    signal.throwIfAborted();
    dispatch({ type: 'destination-chosen' });
    const exported = await produce((progress) => dispatch({ type: 'progress', progress }));
    signal.throwIfAborted();
    dispatch({ type: 'saving' });
    const { savedAs } = await bridge.saveExport({
      destinationId: destination.destinationId,
      fileName: exported.fileName,
      mime: exported.mime,
      // The bytes are copied across IPC (structured clone) whatever buffer backs them.
      bytes: exported.bytes as Uint8Array<ArrayBuffer>,
    });
    dispatch({ type: 'done', savedAs, manifestSha256: exported.manifestSha256 });
  } catch (error) {
    const message = signal.aborted ? null : describeExportFailure(error);
    dispatch(message === null ? { type: 'cancelled' } : { type: 'failed', message });
  }
}

import { basename, dirname } from 'node:path';
import { saveFileAtomically } from './atomicSave.js';
import type { BridgeHandlers } from './bridgeHandlers.js';
import { ExportDestinations, exportSaveDialogOptions, exportTargetPath } from './exportDestinations.js';

/** What the export handlers need from Electron; index.ts passes the real ones, tests pass fakes. */
export interface ExportShell {
  /** Electron's save dialog: the chosen path, or null when cancelled. */
  showSaveDialog(options: ReturnType<typeof exportSaveDialogOptions>): Promise<string | null>;
  /** The folder the dialog opens in (the user's Documents, or the last folder exported to). */
  defaultFolder(): string;
  /** Prints HTML to PDF with the app's Chromium (dossierPrintWindow.ts). */
  printHtmlToPdf(html: string): Promise<Uint8Array<ArrayBuffer>>;
  /** Writes a file whole or not at all; default saveFileAtomically. */
  save?: (path: string, bytes: Uint8Array) => Promise<void>;
}

/** A save whose destination id is unknown or used: the renderer must ask for a destination again. */
export class ExportDestinationError extends Error {
  override name = 'ExportDestinationError';
}

type ExportHandlers = Pick<BridgeHandlers, 'chooseExportDestination' | 'saveExport' | 'printDossierPdf'>;

/**
 * The desktop side of the Export dialog: ask where (main keeps the path), save there atomically,
 * print with Electron's own Chromium. The renderer builds the dossier itself.
 */
export function createExportHandlers(shell: ExportShell): ExportHandlers {
  const destinations = new ExportDestinations();
  const save = shell.save ?? saveFileAtomically;
  let lastFolder: string | null = null;
  return {
    chooseExportDestination: async ({ fileName, format }) => {
      const chosen = await shell.showSaveDialog(
        exportSaveDialogOptions(fileName, format, lastFolder ?? shell.defaultFolder()),
      );
      if (chosen === null) return null;
      const target = exportTargetPath(chosen, format);
      return { destinationId: destinations.remember(target), shownAs: target };
    },
    saveExport: async ({ destinationId, bytes }) => {
      const target = destinations.take(destinationId);
      if (target === null) {
        throw new ExportDestinationError(
          'Casefile no longer knows where to save this export. Export again and choose where to save it.',
        );
      }
      try {
        await save(target, bytes);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why =
          code === 'EACCES' || code === 'EPERM'
            ? 'Casefile may not write to that folder'
            : code === 'ENOSPC'
              ? 'the disk is full'
              : code === 'ENOENT'
                ? 'that folder no longer exists'
                : (error as Error).message;
        throw new Error(
          `The dossier could not be saved as ${basename(target)} (${why}). Nothing was written there; export again and choose another folder.`,
        );
      }
      lastFolder = dirname(target);
      return { savedAs: target };
    },
    printDossierPdf: async ({ html }) => ({ pdf: await shell.printHtmlToPdf(html) }),
  };
}

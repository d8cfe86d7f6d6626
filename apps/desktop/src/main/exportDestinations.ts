import { randomBytes } from 'node:crypto';
import { extname, join } from 'node:path';
import type { ExportFormat } from '../shared/bridge.js';

/** What the save dialog offers per format: the filter's name and the extension it expects. */
const FORMAT_FILTERS: Record<ExportFormat, { name: string; extensions: string[] }> = {
  pdf: { name: 'PDF document', extensions: ['pdf'] },
  html: { name: 'Web page (HTML)', extensions: ['html'] },
  json: { name: 'Case file JSON', extensions: ['json'] },
  bundle: { name: 'Dossier bundle (ZIP)', extensions: ['zip'] },
  timeline: { name: 'TimelineJS JSON', extensions: ['json'] },
  claimreview: { name: 'ClaimReview JSON-LD', extensions: ['jsonld'] },
};

/** The options of Electron's save dialog for an export (plain data, so that it is testable). */
export function exportSaveDialogOptions(
  fileName: string,
  format: ExportFormat,
  folder: string,
): { title: string; defaultPath: string; buttonLabel: string; filters: Array<{ name: string; extensions: string[] }> } {
  return {
    title: 'Export dossier',
    defaultPath: join(folder, fileName),
    buttonLabel: 'Export',
    filters: [FORMAT_FILTERS[format]],
  };
}

/**
 * The path to save at: the one the person chose, with the format's extension added when they
 * typed a name without any (some Linux dialogs do not add it), so that the file opens in the
 * right program.
 */
export function exportTargetPath(chosen: string, format: ExportFormat): string {
  if (extname(chosen) !== '') return chosen;
  return `${chosen}.${FORMAT_FILTERS[format].extensions[0]}`;
}

/**
 * The paths chosen in save dialogs, each behind a random id the renderer gets instead of the
 * path. An id is good for one save: the renderer can write only where the person chose, once.
 * Few are kept (an export whose save never comes just ages out).
 */
export class ExportDestinations {
  private readonly paths = new Map<string, string>();

  constructor(private readonly max = 16) {}

  remember(path: string): string {
    const id = randomBytes(16).toString('hex');
    this.paths.set(id, path);
    while (this.paths.size > this.max) {
      const oldest = this.paths.keys().next().value as string;
      this.paths.delete(oldest);
    }
    return id;
  }

  /** The path behind `id`, forgotten at once; null for an unknown or used id. */
  take(id: string): string | null {
    const path = this.paths.get(id) ?? null;
    this.paths.delete(id);
    return path;
  }
}

import type { ExportPhase, ExportProgress } from '@casefile/dossier';
import type { ExportFormat, Platform } from '../../../shared/bridge';

/** What the Export dialog shows, one stage at a time; the reducer below is its only way to change. */
export type ExportStage =
  | { kind: 'choosing' }
  | { kind: 'asking-destination' }
  | { kind: 'exporting'; progress: ExportProgress | null }
  | { kind: 'saving' }
  | { kind: 'done'; savedAs: string; manifestSha256: string | null }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export interface ExportDialogState {
  format: ExportFormat;
  includeOriginals: boolean;
  stage: ExportStage;
}

export type ExportDialogAction =
  | { type: 'choose-format'; format: ExportFormat }
  | { type: 'include-originals'; include: boolean }
  | { type: 'start' }
  | { type: 'destination-chosen' }
  | { type: 'destination-cancelled' }
  | { type: 'progress'; progress: ExportProgress }
  | { type: 'saving' }
  | { type: 'done'; savedAs: string; manifestSha256: string | null }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string }
  | { type: 'edit' };

/** Originals are off until the person asks for them, every time the dialog opens. */
export function initialExportDialogState(format: ExportFormat = 'pdf'): ExportDialogState {
  return { format, includeOriginals: false, stage: { kind: 'choosing' } };
}

/** True while an export is under way: Esc and Cancel then stop it instead of closing the dialog. */
export function isExportRunning(stage: ExportStage): boolean {
  return stage.kind === 'asking-destination' || stage.kind === 'exporting' || stage.kind === 'saving';
}

export function exportDialogReducer(state: ExportDialogState, action: ExportDialogAction): ExportDialogState {
  const running = isExportRunning(state.stage);
  switch (action.type) {
    case 'choose-format':
      return running ? state : { ...state, format: action.format, stage: { kind: 'choosing' } };
    case 'include-originals':
      return running ? state : { ...state, includeOriginals: action.include, stage: { kind: 'choosing' } };
    case 'start':
      return running ? state : { ...state, stage: { kind: 'asking-destination' } };
    case 'destination-chosen':
      return state.stage.kind === 'asking-destination'
        ? { ...state, stage: { kind: 'exporting', progress: null } }
        : state;
    case 'destination-cancelled':
      return state.stage.kind === 'asking-destination' ? { ...state, stage: { kind: 'choosing' } } : state;
    case 'progress':
      return state.stage.kind === 'exporting'
        ? { ...state, stage: { kind: 'exporting', progress: action.progress } }
        : state;
    case 'saving':
      return state.stage.kind === 'exporting' ? { ...state, stage: { kind: 'saving' } } : state;
    case 'done':
      return running
        ? { ...state, stage: { kind: 'done', savedAs: action.savedAs, manifestSha256: action.manifestSha256 } }
        : state;
    case 'cancelled':
      return running ? { ...state, stage: { kind: 'cancelled' } } : state;
    case 'failed':
      return running ? { ...state, stage: { kind: 'failed', message: action.message } } : state;
    case 'edit':
      return running ? state : { ...state, stage: { kind: 'choosing' } };
  }
}

/** The phases an export of each format goes through, in order (as @casefile/dossier reports them). */
const FORMAT_PHASES: Record<ExportFormat, readonly ExportPhase[]> = {
  pdf: ['evidence', 'images', 'pdf'],
  html: ['evidence', 'images', 'html'],
  bundle: ['evidence', 'images', 'pdf', 'bundle'],
  json: [],
  timeline: [],
  claimreview: [],
};

const PHASE_TEXT: Record<ExportPhase, string> = {
  evidence: 'Reading evidence files and checking their SHA-256',
  images: 'Re-encoding images without their metadata',
  html: 'Writing the HTML',
  pdf: 'Printing the PDF',
  bundle: 'Hashing and zipping the bundle',
};

export interface ExportProgressView {
  /** What is happening, as the progress bar's text says it. */
  text: string;
  /** 0..1 across the whole export, or null when it cannot be told (an indeterminate bar). */
  value: number | null;
}

/**
 * The progress bar of a running export. On this device, each phase of the format is an equal
 * share of the bar; the server reports no progress, so its bar is indeterminate.
 */
export function exportProgressView(
  stage: ExportStage,
  format: ExportFormat,
  where: Platform,
): ExportProgressView | null {
  if (stage.kind === 'asking-destination') return { text: 'Choosing where to save…', value: null };
  if (stage.kind === 'saving') {
    return { text: where === 'web' ? 'Handing the file to your browser…' : 'Saving the file…', value: 1 };
  }
  if (stage.kind !== 'exporting') return null;
  if (where === 'web') return { text: 'Exporting on the server…', value: null };
  const progress = stage.progress;
  const phases = FORMAT_PHASES[format];
  if (!progress || phases.length === 0) return { text: 'Preparing the dossier…', value: null };
  const index = Math.max(0, phases.indexOf(progress.phase));
  const within = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 1;
  const counted = progress.total > 1 ? ` (${progress.done} of ${progress.total})` : '';
  return { text: `${PHASE_TEXT[progress.phase]}${counted}…`, value: (index + within) / phases.length };
}

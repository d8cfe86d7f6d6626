/** The steps of an export, in order; a progress bar names the current one. */
export const EXPORT_PHASES = ['evidence', 'images', 'html', 'pdf', 'bundle'] as const;
export type ExportPhase = (typeof EXPORT_PHASES)[number];

/** Reported after each unit of work: `done` of `total` in `phase` (e.g. 3 of 12 evidence files read). */
export interface ExportProgress {
  phase: ExportPhase;
  done: number;
  total: number;
}

export type ProgressListener = (progress: ExportProgress) => void;

import type { ExportFormat } from '../../../shared/bridge';

/** The formats as the Export dialog offers them, most wanted first. */
export const EXPORT_FORMAT_CHOICES: ReadonlyArray<{ format: ExportFormat; label: string; description: string }> = [
  {
    format: 'pdf',
    label: 'PDF',
    description: 'To read and print: claims, verdict, timeline, actors and every evidence item with its SHA-256.',
  },
  { format: 'html', label: 'HTML', description: 'The same dossier as one self-contained web page.' },
  { format: 'json', label: 'JSON', description: 'The case as data (Casefile format v1), the verdict as ClaimReview.' },
  {
    format: 'bundle',
    label: 'Bundle ZIP (everything)',
    description:
      'PDF, HTML, JSON, timeline, activity log and the evidence files, with a manifest of every file’s SHA-256 so that someone else can verify it.',
  },
  { format: 'timeline', label: 'Timeline', description: 'The timeline as TimelineJS JSON.' },
  { format: 'claimreview', label: 'ClaimReview', description: 'The verdict as schema.org ClaimReview JSON-LD.' },
];

/** Only a bundle carries evidence files, so only a bundle can carry the originals. */
export function carriesEvidenceFiles(format: ExportFormat): boolean {
  return format === 'bundle';
}

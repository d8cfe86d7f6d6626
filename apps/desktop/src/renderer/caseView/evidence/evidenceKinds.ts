import type { EvidenceKind } from '@casefile/model';

/** How the investigator reads a kind, on a badge and in the kind filter. */
export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  link: 'Link',
  file: 'File',
  screenshot: 'Screenshot',
  webCapture: 'Web capture',
  quote: 'Quote',
};

export const EVIDENCE_KIND_PLURALS: Record<EvidenceKind, string> = {
  link: 'Links',
  file: 'Files',
  screenshot: 'Screenshots',
  webCapture: 'Web captures',
  quote: 'Quotes',
};

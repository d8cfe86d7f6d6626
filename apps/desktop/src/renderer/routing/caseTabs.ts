/** The parts of a case file, one tab each, in the order the case view shows them. */
export const CASE_TABS = ['overview', 'claims', 'evidence', 'actors', 'timeline', 'notes', 'verdict'] as const;
export type CaseTab = (typeof CASE_TABS)[number];

export const DEFAULT_CASE_TAB: CaseTab = 'overview';

/** The tab's accessible name, as the investigator reads it (and tests find it). */
export const CASE_TAB_LABELS: Record<CaseTab, string> = {
  overview: 'Overview',
  claims: 'Claims',
  evidence: 'Evidence',
  actors: 'Actors',
  timeline: 'Timeline',
  notes: 'Notes',
  verdict: 'Verdict',
};

export function isCaseTab(value: string): value is CaseTab {
  return (CASE_TABS as readonly string[]).includes(value);
}

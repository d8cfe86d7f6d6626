import {
  CASE_STATUSES,
  type CaseMeta,
  type CaseStatus,
  MAX_SUMMARY_LENGTH,
  MAX_TITLE_LENGTH,
  readVerdict,
  setStatus,
  setSummary,
  setTitle,
  verdictLabel,
} from '@casefile/model';
import { useId } from 'react';
import type * as Y from 'yjs';
import { useInvestigator } from '../../settings/useInvestigator';
import { CaseMetaTextField } from '../CaseMetaTextField';
import { useCaseTabHref } from '../caseTabHref';
import { SelectField } from '../fields/SelectField';
import type { CaseCounts } from '../useCaseCounts';
import { useCaseParts } from '../useCaseParts';
import { ActivityFeed } from './ActivityFeed';

const STATUS_LABELS: Record<CaseStatus, string> = {
  open: 'Open',
  'in review': 'In review',
  published: 'Published',
  archived: 'Archived',
};

const STATUS_OPTIONS = CASE_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }));

const VERDICT_PARTS = ['verdict'] as const;

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The Overview tab: title, summary and status, what the case holds, and its activity. */
export function OverviewPanel({
  doc,
  meta,
  counts,
  focusTitle,
}: {
  doc: Y.Doc;
  meta: CaseMeta;
  counts: CaseCounts;
  focusTitle: boolean;
}) {
  const headingId = useId();
  const investigator = useInvestigator();
  const tabHref = useCaseTabHref();
  const verdict = useCaseParts(doc, VERDICT_PARTS, readVerdict);

  const parts = [
    { tab: 'claims', text: plural(counts.claims, 'claim', 'claims') },
    { tab: 'evidence', text: plural(counts.evidence, 'evidence item', 'evidence items') },
    { tab: 'actors', text: plural(counts.actors, 'actor', 'actors') },
    { tab: 'timeline', text: plural(counts.events, 'event', 'events') },
  ] as const;

  return (
    <div className="overview">
      <section className="overview__case" aria-label="Case">
        <CaseMetaTextField
          doc={doc}
          meta={meta}
          field="title"
          label="Case title"
          write={setTitle}
          maxLength={MAX_TITLE_LENGTH}
          placeholder="Untitled case"
          autoFocus={focusTitle}
          className="case__title-input"
        />
        <CaseMetaTextField
          doc={doc}
          meta={meta}
          field="summary"
          label="Summary"
          write={setSummary}
          multiline
          maxLength={MAX_SUMMARY_LENGTH}
          placeholder="The claim in one or two sentences, and what the evidence shows so far."
        />
        <SelectField
          label="Status"
          value={meta.status}
          options={STATUS_OPTIONS}
          onSave={(status) => setStatus(doc, status as CaseStatus, { by: investigator })}
          doing="Saving the status"
          className="overview__status"
        />
      </section>

      <section className="overview__contents" aria-labelledby={headingId}>
        <h2 id={headingId}>In this case</h2>
        <ul className="overview__counts">
          {parts.map((part) => (
            <li key={part.tab}>
              <a className="overview__count-link" href={tabHref(part.tab)}>
                {part.text}
              </a>
            </li>
          ))}
          <li>
            <a className="overview__count-link" href={tabHref('verdict')}>
              {verdict.rating ? `Verdict: ${verdictLabel(verdict.rating)}` : 'No verdict yet'}
              {verdict.rating && verdict.state !== 'approved' ? ` (${verdict.state})` : ''}
              {verdict.state === 'approved' ? ' (approved)' : ''}
            </a>
          </li>
        </ul>
      </section>

      <ActivityFeed doc={doc} />
    </div>
  );
}

import type { RoomLease } from '@casefile/sync';
import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { useCasefile } from '../app/CasefileContext';
import { displayCaseTitle } from '../caseList/caseTitle';
import { RichTextEditor } from '../richText/RichTextEditor';
import { takeFocusTitleIntent } from '../routing/caseOpening';
import { CASE_TABS, type CaseTab } from '../routing/caseTabs';
import { casesHref } from '../routing/hashRoute';
import { ConnectionIndicator } from '../sync/ConnectionIndicator';
import { ActorsPanel } from './actors/ActorsPanel';
import { CaseTabs, tabId, tabPanelId } from './CaseTabs';
import { CurrentCaseContext } from './caseTabHref';
import { ClaimsPanel } from './claims/ClaimsPanel';
import { EvidenceSection } from './evidence/EvidenceSection';
import { ExportButton } from './export/ExportButton';
import { OverviewPanel } from './overview/OverviewPanel';
import { ReadOnlyContext, useCaseRole } from './readOnly';
import { ShareButton } from './share/ShareButton';
import { TimelinePanel } from './timeline/TimelinePanel';
import { UndoToastProvider } from './UndoToast';
import { useCaseCounts } from './useCaseCounts';
import { useCaseMeta } from './useCaseMeta';
import { useWorkspaceEntrySync } from './useWorkspaceEntrySync';
import { VerdictPanel } from './verdict/VerdictPanel';
import { WhoIsHere } from './WhoIsHere';

/**
 * The case file, one tab per part (Overview, Claims, Evidence, Actors, Timeline, Notes, Verdict),
 * with who is here and the connection state beside every tab. Only the open tab is mounted; its
 * lists and editors follow the case document live.
 */
export function CaseEditor({
  caseId,
  doc,
  lease,
  tab,
}: {
  caseId: string;
  doc: Y.Doc;
  lease: RoomLease;
  tab: CaseTab;
}) {
  const { workspace, serverUrl } = useCasefile();
  const readOnly = useCaseRole(caseId) === 'viewer';
  const meta = useCaseMeta(doc);
  const counts = useCaseCounts(doc);
  // A case just created here opens with the focus in its title, once: not on every return to the Overview.
  const [focusTitle, setFocusTitle] = useState(() => takeFocusTitleIntent(caseId));
  useEffect(() => {
    if (focusTitle) setFocusTitle(false);
  }, [focusTitle]);
  useWorkspaceEntrySync(workspace, caseId, doc);
  useFocusTabWhenFocusIsLost(tab);

  const panels: Record<CaseTab, () => ReactNode> = {
    overview: () => <OverviewPanel doc={doc} meta={meta} counts={counts} focusTitle={focusTitle} />,
    claims: () => <ClaimsPanel doc={doc} />,
    evidence: () => <EvidenceSection caseId={caseId} doc={doc} />,
    actors: () => <ActorsPanel doc={doc} />,
    timeline: () => <TimelinePanel doc={doc} />,
    notes: () => <RichTextEditor caseId={caseId} doc={doc} field="notes" label="Notes" />,
    verdict: () => <VerdictPanel caseId={caseId} doc={doc} />,
  };

  return (
    <CurrentCaseContext.Provider value={caseId}>
      <ReadOnlyContext.Provider value={readOnly}>
        <UndoToastProvider>
          <article className="case" aria-labelledby="case-heading">
            <div className="case__topbar">
              <a href={casesHref} className="back-link">
                <span aria-hidden="true">← </span>Back to cases
              </a>
              <div className="case__actions">
                <ShareButton caseId={caseId} caseTitle={displayCaseTitle(meta.title)} />
                <ExportButton caseId={caseId} doc={doc} />
                <ConnectionIndicator lease={lease} serverUrl={serverUrl} caseId={caseId} />
              </div>
            </div>
            {/* On the Overview the title field is the visible heading; elsewhere the title heads the page. */}
            <h1 id="case-heading" className={tab === 'overview' ? 'visually-hidden' : 'case__heading'}>
              {displayCaseTitle(meta.title)}
            </h1>

            <div className="case__layout">
              <div className="case__body">
                <CaseTabs
                  caseId={caseId}
                  current={tab}
                  counts={{
                    claims: counts.claims,
                    evidence: counts.evidence,
                    actors: counts.actors,
                    timeline: counts.events,
                  }}
                />
                {readOnly && (
                  <p className="case__readonly-note" role="note">
                    Read only: you were invited as a viewer.
                  </p>
                )}
                {/* One collaboration context per case: its editors (notes, verdict rationale) share one awareness. */}
                <fieldset className="case__readonly" disabled={readOnly}>
                  <LexicalCollaboration>
                    {CASE_TABS.map((each) => (
                      <div
                        key={each}
                        id={tabPanelId(each)}
                        role="tabpanel"
                        aria-labelledby={tabId(each)}
                        className="case__panel"
                        hidden={each !== tab}
                        tabIndex={each === tab ? 0 : undefined}
                      >
                        {each === tab && panels[each]()}
                      </div>
                    ))}
                  </LexicalCollaboration>
                </fieldset>
              </div>
              <aside className="case__aside" aria-label="People and status">
                <WhoIsHere lease={lease} />
              </aside>
            </div>
          </article>
        </UndoToastProvider>
      </ReadOnlyContext.Provider>
    </CurrentCaseContext.Provider>
  );
}

/**
 * A link that opens another tab ("3 claims" on the Overview) disappears with the tab it was on,
 * and the keyboard focus with it; the newly opened tab takes the focus instead of the page's top.
 */
function useFocusTabWhenFocusIsLost(tab: CaseTab): void {
  const previous = useRef(tab);
  useEffect(() => {
    if (previous.current === tab) return;
    previous.current = tab;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    document.getElementById(tabId(tab))?.focus();
  }, [tab]);
}

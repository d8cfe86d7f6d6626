import { MAX_SUMMARY_LENGTH, MAX_TITLE_LENGTH, setSummary, setTitle } from '@casefile/model';
import type { RoomLease } from '@casefile/sync';
import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext';
import { useState } from 'react';
import type * as Y from 'yjs';
import { useCasefile } from '../app/CasefileContext';
import { displayCaseTitle } from '../caseList/caseTitle';
import { RichTextEditor } from '../richText/RichTextEditor';
import { takeFocusTitleIntent } from '../routing/caseOpening';
import { casesHref } from '../routing/hashRoute';
import { ConnectionIndicator } from '../sync/ConnectionIndicator';
import { CaseMetaTextField } from './CaseMetaTextField';
import { useCaseMeta } from './useCaseMeta';
import { useWorkspaceEntrySync } from './useWorkspaceEntrySync';
import { WhoIsHere } from './WhoIsHere';

/** The case file itself: title, summary and notes, with who is here and the connection state. */
export function CaseEditor({ caseId, doc, lease }: { caseId: string; doc: Y.Doc; lease: RoomLease }) {
  const { workspace, serverUrl } = useCasefile();
  const meta = useCaseMeta(doc);
  const [focusTitle] = useState(() => takeFocusTitleIntent(caseId));
  useWorkspaceEntrySync(workspace, caseId, doc);

  return (
    <article className="case" aria-labelledby="case-heading">
      <div className="case__topbar">
        <a href={casesHref} className="back-link">
          <span aria-hidden="true">← </span>Back to cases
        </a>
        <ConnectionIndicator lease={lease} serverUrl={serverUrl} />
      </div>
      <h1 id="case-heading" className="visually-hidden">
        {displayCaseTitle(meta.title)}
      </h1>

      <div className="case__layout">
        <div className="case__body">
          <CaseMetaTextField
            doc={doc}
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
            field="summary"
            label="Summary"
            write={setSummary}
            multiline
            maxLength={MAX_SUMMARY_LENGTH}
            placeholder="The claim in one or two sentences, and what the evidence shows so far."
          />
          {/* One collaboration context per case: its editors share one awareness, one cursor per person. */}
          <LexicalCollaboration>
            <RichTextEditor caseId={caseId} doc={doc} field="notes" label="Notes" />
          </LexicalCollaboration>
        </div>
        <aside className="case__aside" aria-label="People and status">
          <WhoIsHere lease={lease} />
        </aside>
      </div>
    </article>
  );
}

import type { RichTextField } from '@casefile/model';
import { ClickableLinkPlugin } from '@lexical/react/LexicalClickableLinkPlugin';
import { CollaborationPluginV2__EXPERIMENTAL } from '@lexical/react/LexicalCollaborationPlugin';
import { type InitialConfigType, LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { useCasefile } from '../app/CasefileContext';
import { useReadOnly } from '../caseView/readOnly';
import { useRoomLease } from '../sync/useRoomLease';
import { LinkForm } from './LinkForm';
import { LinkShortcutPlugin } from './LinkShortcutPlugin';
import { LoadExistingContentPlugin } from './LoadExistingContentPlugin';
import { asLexicalProvider } from './lexicalProvider';
import { isSafeLinkUrl } from './linkUrl';
import { RichTextToolbar } from './RichTextToolbar';
import { RICH_TEXT_NODES } from './richTextNodes';
import { richTextTheme } from './richTextTheme';
import { useToolbarState } from './useToolbarState';

interface Props {
  caseId: string;
  doc: Y.Doc;
  field: RichTextField;
  label: string;
}

/**
 * One rich-text field of a case, bound to its root of the case document through Lexical's V2
 * collaboration binding (STACK.md, "Several Lexical editors on one case document"):
 * - the document is loaded before this mounts; `editorState: null` so Lexical writes no initial
 *   paragraph of its own (two clients doing so would duplicate it);
 * - its own lease on the case's shared provider (Lexical connects and disconnects it);
 * - the plugin mounts only once the cursors container exists, and then loads what the document
 *   already holds (LoadExistingContentPlugin).
 * Undo is the collaboration undo the plugin provides; HistoryPlugin would undo colleagues' edits.
 */
export function RichTextEditor({ caseId, doc, field, label }: Props) {
  const { client, localUser } = useCasefile();
  const readOnly = useReadOnly();
  const lease = useRoomLease(client, caseId, doc, { connect: false });
  const provider = useMemo(() => (lease ? asLexicalProvider(lease) : null), [lease]);
  const labelId = useId();

  const cursorsContainerRef = useRef<HTMLDivElement | null>(null);
  const [cursorsContainerReady, setCursorsContainerReady] = useState(false);
  const setCursorsContainer = useCallback((element: HTMLDivElement | null) => {
    cursorsContainerRef.current = element;
    setCursorsContainerReady(element !== null);
  }, []);

  const initialConfig = useMemo<InitialConfigType>(
    () => ({
      namespace: `casefile-${field}`,
      editorState: null,
      // A viewer reads the text; nothing they type would be kept by the server.
      editable: !readOnly,
      nodes: [...RICH_TEXT_NODES],
      theme: richTextTheme,
      onError: (error) => {
        console.error(`The ${label} editor failed:`, error);
        throw error;
      },
    }),
    [field, label, readOnly],
  );

  return (
    <section className={`rich-text rich-text--${field}`} aria-labelledby={labelId}>
      <h2 id={labelId} className="field__label rich-text__label">
        {label}
      </h2>
      <LexicalComposer initialConfig={initialConfig}>
        <EditorChrome label={label} />
        <div className="rich-text__surface">
          <RichTextPlugin
            contentEditable={<ContentEditable className="rich-text__content" aria-label={label} spellCheck />}
            placeholder={<div className="rich-text__placeholder">Write the {label.toLowerCase()} here…</div>}
            ErrorBoundary={LexicalErrorBoundary}
          />
          <div ref={setCursorsContainer} className="rich-text__cursors" />
        </div>
        <ListPlugin />
        <LinkPlugin validateUrl={isSafeLinkUrl} />
        <ClickableLinkPlugin newTab />
        {provider && cursorsContainerReady && (
          <>
            <CollaborationPluginV2__EXPERIMENTAL
              id={`${caseId}/${field}`}
              doc={doc}
              provider={provider}
              rootName={field}
              username={localUser.name}
              cursorColor={localUser.color}
              cursorsContainerRef={cursorsContainerRef}
            />
            <LoadExistingContentPlugin />
          </>
        )}
      </LexicalComposer>
    </section>
  );
}

/** Toolbar, Ctrl+K and the link form, which share whether the form is open. */
function EditorChrome({ label }: { label: string }) {
  const [state, editor] = useToolbarState();
  const [linkFormOpen, setLinkFormOpen] = useState(false);
  const openLinkForm = useCallback(() => setLinkFormOpen(true), []);
  const closeLinkForm = useCallback(() => setLinkFormOpen(false), []);
  return (
    <>
      <RichTextToolbar label={label} state={state} editor={editor} onLink={openLinkForm} />
      <LinkShortcutPlugin onLink={openLinkForm} />
      {linkFormOpen && <LinkForm editor={editor} currentUrl={state.link} onClose={closeLinkForm} />}
    </>
  );
}

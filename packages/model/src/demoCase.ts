import { createHeadlessEditor } from '@lexical/headless';
import { LinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode, ListItemNode, ListNode } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode, HeadingNode, QuoteNode } from '@lexical/rich-text';
import { createBindingV2__EXPERIMENTAL, type Provider, syncLexicalUpdateToYjsV2__EXPERIMENTAL } from '@lexical/yjs';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  type ElementNode,
  type Klass,
  type LexicalNode,
  SKIP_COLLAB_TAG,
} from 'lexical';
import type * as Y from 'yjs';
import { type CaseMeta, initCase } from './caseDocument.js';

/**
 * The built-in demo case: the "NATO peacekeeping centre in Astana" story, so that a new user
 * sees a filled case file rather than an empty screen. Its facts come from press reporting;
 * no source addresses or files are at hand, so none appear here.
 */
export const DEMO_CASE_TITLE = "NATO 'peacekeeping centre' in Astana";

const DEMO_CASE_SUMMARY =
  'Russian-language Telegram channels and Moscow outlets claimed that NATO had opened a peacekeeping ' +
  'centre in Astana. The centre belongs to Kazakhstan’s Ministry of Defence, which denied the story; ' +
  'the photo used with it is genuine but shows the opening of a conference hall.';

/**
 * Node types the notes use. An editor that reads them must register these (the renderer's rich-text
 * editors do); a type it does not know cannot be rebuilt from the document.
 */
export const DEMO_NOTES_NODES: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
];

type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'quote'; text: string }
  | { kind: 'bullets'; items: string[] };

const DEMO_NOTES: Block[] = [
  { kind: 'heading', text: 'Claim under investigation' },
  {
    kind: 'quote',
    text: '“NATO has officially opened a peacekeeping centre in Astana, the capital of Kazakhstan.”',
  },
  {
    kind: 'paragraph',
    text:
      'The story appeared in October 2022, around Kazakhstan’s Republic Day, and portrays Kazakhstan as an ' +
      'unreliable ally drifting towards NATO.',
  },
  { kind: 'heading', text: 'How it spread' },
  {
    kind: 'bullets',
    items: [
      'Influential Russian-language Telegram channels announced the “opening” first.',
      'Major Moscow outlets picked it up quickly: Argumenty i Fakty (Аргументы и факты) and Moskovsky ' +
        'Komsomolets (Московский комсомолец).',
      'To look credible, the posts carried a genuine photo of US Ambassador to Kazakhstan Daniel Rosenblum ' +
        'attending the opening of a conference hall at the Peacekeeping Operations Centre.',
    ],
  },
  { kind: 'heading', text: 'What the evidence shows' },
  {
    kind: 'bullets',
    items: [
      'The Peacekeeping Operations Centre is not NATO’s: it has existed for almost two decades as part of ' +
        'Kazakhstan’s Ministry of Defence.',
      'The Ministry of Defence quickly issued a public denial.',
      'The photo is authentic but used out of context: it shows a conference-hall opening, not a NATO facility.',
    ],
  },
  { kind: 'heading', text: 'Assessment' },
  {
    kind: 'paragraph',
    text:
      'False: a genuine photo of a long-standing Kazakh Ministry of Defence institution, re-captioned as a ' +
      'NATO opening. Technique: out-of-context image plus amplification by state-aligned media.',
  },
  {
    kind: 'paragraph',
    text:
      'No original posts, screenshots or addresses are at hand; the evidence in this case is quotes and ' +
      'analyst notes.',
  },
];

function $createBlock(block: Block): ElementNode {
  switch (block.kind) {
    case 'heading':
      return $createHeadingNode('h2').append($createTextNode(block.text));
    case 'paragraph':
      return $createParagraphNode().append($createTextNode(block.text));
    case 'quote':
      return $createQuoteNode().append($createTextNode(block.text));
    case 'bullets':
      return $createListNode('bullet').append(
        ...block.items.map((item) => $createListItemNode().append($createTextNode(item))),
      );
  }
}

/**
 * The binding reports selections through the provider's awareness; a headless writer has no
 * selection and no peers, so an awareness without a local state is all it needs.
 */
export const headlessProvider: Provider = {
  awareness: {
    getLocalState: () => null,
    getStates: () => new Map(),
    on: () => {},
    off: () => {},
    setLocalState: () => {},
    setLocalStateField: () => {},
  },
  connect: () => {},
  disconnect: () => {},
  on: () => {},
  off: () => {},
};

/**
 * Writes the notes through a headless Lexical editor bound with the same V2 binding the app's
 * editors use, so the document holds exactly the layout those editors read back.
 */
function writeDemoNotes(doc: Y.Doc): void {
  const editor = createHeadlessEditor({
    namespace: 'casefile-demo',
    nodes: [...DEMO_NOTES_NODES],
    onError: (error) => {
      throw error;
    },
  });
  const id = 'demo/notes';
  const binding = createBindingV2__EXPERIMENTAL(editor, id, doc, new Map([[id, doc]]), { rootName: 'notes' });
  const stop = editor.registerUpdateListener(
    ({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
      if (tags.has(SKIP_COLLAB_TAG)) return;
      syncLexicalUpdateToYjsV2__EXPERIMENTAL(
        binding,
        headlessProvider,
        prevEditorState,
        editorState,
        dirtyElements,
        dirtyLeaves,
        normalizedNodes,
        tags,
      );
    },
  );
  try {
    // discrete: commit now, so the update listener has written the notes when this returns.
    editor.update(
      () =>
        $getRoot()
          .clear()
          .append(...DEMO_NOTES.map($createBlock)),
      { discrete: true },
    );
  } finally {
    stop();
  }
}

/**
 * Initialises `doc` (a new, empty case document) as the demo case. Like `initCase`, only the
 * client or server that creates the case calls this, once.
 */
export function writeDemoCase(doc: Y.Doc, now: Date = new Date()): CaseMeta {
  const meta = initCase(doc, { title: DEMO_CASE_TITLE, summary: DEMO_CASE_SUMMARY, status: 'in review', now });
  writeDemoNotes(doc);
  return meta;
}

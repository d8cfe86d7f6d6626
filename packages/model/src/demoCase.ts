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
import { addActor } from './actors.js';
import { type CaseMeta, initCase, type RichTextField } from './caseDocument.js';
import { addClaim } from './claims.js';
import { addEvent } from './events.js';
import { captureEvidence, type EvidenceCapture, quoteFile } from './evidence.js';
import type { Change, Investigator } from './investigator.js';
import { setReviewer, setReviewState, setVerdictRating } from './verdict.js';

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
 * Writes rich text through a headless Lexical editor bound with the same V2 binding the app's
 * editors use, so the document holds exactly the layout those editors read back.
 */
function writeRichText(doc: Y.Doc, field: RichTextField, blocks: Block[]): void {
  const editor = createHeadlessEditor({
    namespace: 'casefile-demo',
    nodes: [...DEMO_NOTES_NODES],
    onError: (error) => {
      throw error;
    },
  });
  const id = `demo/${field}`;
  const binding = createBindingV2__EXPERIMENTAL(editor, id, doc, new Map([[id, doc]]), { rootName: field });
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
    // discrete: commit now, so the update listener has written the text when this returns.
    editor.update(
      () =>
        $getRoot()
          .clear()
          .append(...blocks.map($createBlock)),
      { discrete: true },
    );
  } finally {
    stop();
  }
}

/** Who writes the demo case: its log entries, captures and approval name this investigator. */
export const DEMO_INVESTIGATOR: Investigator = { id: 'demo', name: 'Casefile demo' };

export const DEMO_CLAIM_TEXT = 'NATO has officially opened a peacekeeping centre in Astana, the capital of Kazakhstan.';

const DEMO_CAPTURE_TOOL = 'Casefile demo case';

/** Bytes of a demo evidence item, for the blob store: the demo's evidence is text, hashed like any file. */
export interface DemoBlob {
  sha256: string;
  bytes: Uint8Array;
  mime: string;
}

export interface DemoCase {
  meta: CaseMeta;
  /** The bytes of the demo's evidence files; store them (by hash) beside the case. */
  blobs: DemoBlob[];
}

const DEMO_RATIONALE: Block[] = [
  {
    kind: 'paragraph',
    text: 'False: a genuine photo of a long-standing Kazakh Ministry of Defence institution, re-captioned as a NATO opening.',
  },
  {
    kind: 'bullets',
    items: [
      'The Peacekeeping Operations Centre is not NATO’s: it has existed for almost two decades as part of ' +
        'Kazakhstan’s Ministry of Defence.',
      'The Ministry of Defence quickly issued a public denial.',
      'The photo is authentic but used out of context: it shows US Ambassador to Kazakhstan Daniel Rosenblum ' +
        'at the opening of a conference hall at the Peacekeeping Operations Centre, not a NATO facility.',
    ],
  },
  {
    kind: 'paragraph',
    text: 'Technique: out-of-context image plus amplification by state-aligned media.',
  },
];

/**
 * Initialises `doc` (a new, empty case document) as the demo case: meta, notes, the claim, its
 * actors, the timeline, evidence (quotes and analyst notes whose bytes are their text) and an
 * approved verdict, each logged as written by the demo investigator. Like `initCase`, only the
 * client or server that creates the case calls this, once. Returns the meta and the evidence's
 * bytes, which the caller stores in its blob store.
 */
export function writeDemoCase(doc: Y.Doc, now: Date = new Date()): DemoCase {
  const change: Change = { by: DEMO_INVESTIGATOR, now };
  const meta = initCase(doc, { title: DEMO_CASE_TITLE, summary: DEMO_CASE_SUMMARY, status: 'in review', now }, change);
  writeRichText(doc, 'notes', DEMO_NOTES);

  const claim = addClaim(
    doc,
    {
      text: DEMO_CLAIM_TEXT,
      platform: 'Telegram',
      firstSeen: { value: '2022-10', precision: 'month' },
      claimant: 'Russian-language Telegram channels',
    },
    change,
  );

  const telegram = addActor(
    doc,
    {
      name: 'Russian-language Telegram channels',
      kind: 'channel',
      platform: 'Telegram',
      notes:
        'Influential Russian-language Telegram channels announced the “opening” first. The reporting does not ' +
        'name the individual channels.',
      claimIds: [claim],
    },
    change,
  );
  const aif = addActor(
    doc,
    {
      name: 'Argumenty i Fakty (Аргументы и факты)',
      kind: 'outlet',
      notes: 'Major Moscow outlet; picked the story up quickly.',
      claimIds: [claim],
    },
    change,
  );
  const mk = addActor(
    doc,
    {
      name: 'Moskovsky Komsomolets (Московский комсомолец)',
      kind: 'outlet',
      notes: 'Major Moscow outlet; picked the story up quickly.',
      claimIds: [claim],
    },
    change,
  );
  const ministry = addActor(
    doc,
    {
      name: 'Kazakhstan’s Ministry of Defence',
      kind: 'organisation',
      notes:
        'Министерство обороны Республики Казахстан / Қазақстан Республикасы Қорғаныс министрлігі. The ' +
        'Peacekeeping Operations Centre has been part of the Ministry for almost two decades; the Ministry ' +
        'quickly denied the story.',
    },
    change,
  );
  const rosenblum = addActor(
    doc,
    {
      name: 'Daniel Rosenblum',
      kind: 'person',
      notes:
        'US Ambassador to Kazakhstan. The genuine photo used with the story shows him attending the opening of ' +
        'a conference hall at the Peacekeeping Operations Centre.',
    },
    change,
  );

  addEvent(
    doc,
    {
      date: { value: '1990-10-25', precision: 'day' },
      title: 'Kazakh SSR declares state sovereignty',
      description: '25 October is celebrated as Republic Day, restored as a national holiday in 2022.',
    },
    change,
  );
  const republicDay = addEvent(
    doc,
    {
      date: { value: '2022-10-25', precision: 'day' },
      title: 'Republic Day: President Putin congratulates President Tokayev',
      description:
        'Putin: “Russian-Kazakh relations are at a high level.” The Russian government declares its readiness ' +
        'to help protect Kazakhstan’s sovereignty and territorial integrity.',
    },
    change,
  );
  const posts = addEvent(
    doc,
    {
      date: { value: '2022-10', precision: 'month' },
      title: 'Telegram channels post the “NATO centre opened” story',
      description:
        'The posts carry the genuine photo of Ambassador Rosenblum at the Peacekeeping Operations Centre. ' +
        'The reporting gives no exact day.',
      actorIds: [telegram, rosenblum],
    },
    change,
  );
  addEvent(
    doc,
    {
      date: { value: '2022-10', precision: 'month' },
      title: 'Argumenty i Fakty and Moskovsky Komsomolets republish the story',
      actorIds: [aif, mk],
    },
    change,
  );
  const denial = addEvent(
    doc,
    {
      date: { value: '2022-10', precision: 'month' },
      title: 'Kazakhstan’s Ministry of Defence denies the story',
      actorIds: [ministry],
    },
    change,
  );
  addEvent(
    doc,
    {
      date: { value: '2022-07', precision: 'month' },
      title: 'The “30 US biolabs moved from Ukraine” story spreads',
      description:
        'A related narrative, reported for summer 2022 and dated here to July at month precision; it is a ' +
        'separate case.',
    },
    change,
  );

  const blobs: DemoBlob[] = [];
  const quote = (
    index: number,
    text: string,
    fields: Omit<EvidenceCapture, 'kind' | 'captureTool' | 'quote' | 'files'>,
  ): string => {
    const { bytes, file } = quoteFile(text, `quote-${index}.txt`);
    blobs.push({ sha256: file.sha256, bytes, mime: file.mime });
    return captureEvidence(
      doc,
      { kind: 'quote', captureTool: DEMO_CAPTURE_TOOL, quote: text, files: [file], ...fields },
      change,
    );
  };

  quote(1, 'Russian-Kazakh relations are at a high level', {
    title: 'Putin’s Republic Day congratulation to Tokayev',
    description:
      'President Putin’s congratulation to President Tokayev on Republic Day, 25 October 2022, as quoted in press ' +
      'reporting. The same day the Russian government declared its readiness to help protect Kazakhstan’s ' +
      'sovereignty and territorial integrity: the backdrop against which the story portrayed Kazakhstan as ' +
      'drifting towards NATO.',
    reliability: 'B',
    credibility: 2,
    tags: ['Republic Day', 'context'],
    claimIds: [claim],
    eventIds: [republicDay],
  });
  quote(
    2,
    'Kazakhstan’s Ministry of Defence quickly issued a public denial of the story that NATO had opened a ' +
      'peacekeeping centre in Astana.',
    {
      title: 'The Ministry of Defence’s denial (summary)',
      description: 'Analyst’s summary of the denial, from press reporting; the original statement is not at hand.',
      reliability: 'B',
      credibility: 2,
      tags: ['denial'],
      claimIds: [claim],
      actorIds: [ministry],
      eventIds: [denial],
    },
  );
  quote(
    3,
    'The Peacekeeping Operations Centre is not NATO’s: it has existed for almost two decades as part of ' +
      'Kazakhstan’s Ministry of Defence (Министерство обороны Республики Казахстан / Қазақстан Республикасы ' +
      'Қорғаныс министрлігі).',
    {
      title: 'The centre has belonged to the Ministry of Defence for almost two decades',
      description: 'Analyst’s note on who runs the Peacekeeping Operations Centre, from press reporting.',
      reliability: 'B',
      credibility: 1,
      tags: ['ownership'],
      claimIds: [claim],
      actorIds: [ministry],
    },
  );
  quote(
    4,
    'The photo is genuine but used out of context: it shows US Ambassador to Kazakhstan Daniel Rosenblum attending ' +
      'the opening of a conference hall at the Peacekeeping Operations Centre, not a NATO facility.',
    {
      title: 'The photo’s real context',
      description:
        'Analyst’s description of the photo the posts carried; the image itself is not at hand and is not ' +
        'reproduced.',
      reliability: 'B',
      credibility: 2,
      tags: ['out-of-context image'],
      claimIds: [claim],
      actorIds: [telegram, rosenblum],
      eventIds: [posts],
    },
  );

  setVerdictRating(doc, 'false', change);
  setReviewer(doc, DEMO_INVESTIGATOR.name, change);
  setReviewState(doc, 'in review', change);
  setReviewState(doc, 'approved', change);
  writeRichText(doc, 'verdictRationale', DEMO_RATIONALE);

  return { meta, blobs };
}

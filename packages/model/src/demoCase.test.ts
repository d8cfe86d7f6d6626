import { createHeadlessEditor } from '@lexical/headless';
import { $isListItemNode, $isListNode } from '@lexical/list';
import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import {
  createBindingV2__EXPERIMENTAL,
  syncLexicalUpdateToYjsV2__EXPERIMENTAL,
  syncYjsStateToLexicalV2__EXPERIMENTAL,
} from '@lexical/yjs';
import { $getRoot, $isParagraphNode, type LexicalNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isCaseInitialized, readMeta, richTextPlainText } from './caseDocument.js';
import { DEMO_CASE_TITLE, DEMO_NOTES_NODES, headlessProvider, writeDemoCase } from './demoCase.js';
import { ValidationError } from './errors.js';

interface ReadBlock {
  type: string;
  tag?: string;
  text?: string;
  items?: string[];
}

/**
 * Opens the notes the way the app's editor does: a fresh editor with no initial state, bound by the
 * V2 binding to the `notes` root, loading what the document already holds
 * (CollaborationPluginV2 runs syncYjsStateToLexicalV2 on CLEAR_DIFF_VERSIONS_COMMAND).
 */
function openNotesInEditor(doc: Y.Doc): ReadBlock[] {
  const editor = createHeadlessEditor({
    namespace: 'reader',
    nodes: [...DEMO_NOTES_NODES],
    onError: (error) => {
      throw error;
    },
  });
  const binding = createBindingV2__EXPERIMENTAL(editor, 'reader/notes', doc, new Map(), { rootName: 'notes' });
  const stop = editor.registerUpdateListener((u) =>
    syncLexicalUpdateToYjsV2__EXPERIMENTAL(
      binding,
      headlessProvider,
      u.prevEditorState,
      u.editorState,
      u.dirtyElements,
      u.dirtyLeaves,
      u.normalizedNodes,
      u.tags,
    ),
  );
  syncYjsStateToLexicalV2__EXPERIMENTAL(binding, headlessProvider);
  stop();
  return editor.getEditorState().read(() =>
    $getRoot()
      .getChildren()
      .map((node: LexicalNode): ReadBlock => {
        if ($isHeadingNode(node)) return { type: 'heading', tag: node.getTag(), text: node.getTextContent() };
        if ($isQuoteNode(node)) return { type: 'quote', text: node.getTextContent() };
        if ($isParagraphNode(node)) return { type: 'paragraph', text: node.getTextContent() };
        if ($isListNode(node))
          return {
            type: `list:${node.getListType()}`,
            items: node.getChildren().map((item) => ($isListItemNode(item) ? item.getTextContent() : '?')),
          };
        return { type: node.getType() };
      }),
  );
}

describe('the demo case', () => {
  const now = new Date('2026-03-01T09:00:00Z');

  it('is an initialised case in review with the Astana title and a summary', () => {
    const doc = new Y.Doc();
    const meta = writeDemoCase(doc, now);
    expect(isCaseInitialized(doc)).toBe(true);
    expect(meta.title).toBe(DEMO_CASE_TITLE);
    expect(readMeta(doc)).toEqual(meta);
    expect(meta.status).toBe('in review');
    expect(meta.createdAt).toBe(now.toISOString());
    expect(meta.summary).toMatch(/Ministry of Defence/);
  });

  it('has notes that a second editor, on a copy of the document, reads back block by block', () => {
    const original = new Y.Doc();
    writeDemoCase(original, now);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(original));
    const stateBefore = Y.encodeStateVector(copy);

    const blocks = openNotesInEditor(copy);

    expect(blocks[0]).toEqual({ type: 'heading', tag: 'h2', text: 'Claim under investigation' });
    expect(blocks[1]).toEqual({
      type: 'quote',
      text: '“NATO has officially opened a peacekeeping centre in Astana, the capital of Kazakhstan.”',
    });
    expect(blocks.filter((block) => block.type === 'heading').map((block) => block.text)).toEqual([
      'Claim under investigation',
      'How it spread',
      'What the evidence shows',
      'Assessment',
    ]);
    const paragraphs = blocks.filter((block) => block.type === 'paragraph').map((block) => block.text);
    expect(paragraphs.some((text) => text?.startsWith('False: a genuine photo'))).toBe(true);
    const lists = blocks.filter((block) => block.type === 'list:bullet');
    expect(lists).toHaveLength(2);
    expect(lists[0]?.items).toHaveLength(3);
    expect(lists[0]?.items?.[0]).toBe('Influential Russian-language Telegram channels announced the “opening” first.');
    expect(lists[1]?.items).toContain('The Ministry of Defence quickly issued a public denial.');
    expect(blocks.every((block) => !block.type.startsWith('unknown'))).toBe(true);
    // Loading must not rewrite the document: the editor took the layout as it is.
    expect(Y.encodeStateVector(copy)).toEqual(stateBefore);
  });

  it('has notes whose plain text carries the key findings, and no invented addresses', () => {
    const doc = new Y.Doc();
    writeDemoCase(doc, now);
    const text = richTextPlainText(doc, 'notes');
    expect(text).toContain('NATO has officially opened a peacekeeping centre in Astana');
    expect(text).toContain('The Ministry of Defence quickly issued a public denial.');
    expect(text).toContain('it has existed for almost two decades as part of Kazakhstan’s Ministry of Defence');
    expect(text).toContain('Argumenty i Fakty (Аргументы и факты)');
    expect(text).not.toMatch(/https?:|www\./);
    expect(richTextPlainText(doc, 'verdictRationale')).toBe('');
  });

  it('is written once: a document that already holds a case is refused and left unchanged', () => {
    const doc = new Y.Doc();
    writeDemoCase(doc, now);
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => writeDemoCase(doc, now)).toThrow(ValidationError);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});

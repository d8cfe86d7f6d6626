import { createHeadlessEditor } from '@lexical/headless';
import { $isListItemNode, $isListNode } from '@lexical/list';
import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import {
  createBindingV2__EXPERIMENTAL,
  syncLexicalUpdateToYjsV2__EXPERIMENTAL,
  syncYjsStateToLexicalV2__EXPERIMENTAL,
} from '@lexical/yjs';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { $getRoot, $isParagraphNode, type LexicalNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readLog } from './activityLog.js';
import { listActors } from './actors.js';
import { isCaseInitialized, type RichTextField, readMeta, richTextPlainText } from './caseDocument.js';
import { caseSearchDocument } from './caseSearch.js';
import { listClaims } from './claims.js';
import { DEMO_CASE_TITLE, DEMO_INVESTIGATOR, DEMO_NOTES_NODES, headlessProvider, writeDemoCase } from './demoCase.js';
import { ValidationError } from './errors.js';
import { listEvents } from './events.js';
import { listEvidence } from './evidence.js';
import { readVerdict } from './verdict.js';

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
function openNotesInEditor(doc: Y.Doc, field: RichTextField = 'notes'): ReadBlock[] {
  const editor = createHeadlessEditor({
    namespace: 'reader',
    nodes: [...DEMO_NOTES_NODES],
    onError: (error) => {
      throw error;
    },
  });
  const binding = createBindingV2__EXPERIMENTAL(editor, `reader/${field}`, doc, new Map(), { rootName: field });
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
    const { meta } = writeDemoCase(doc, now);
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
  });

  it('is written once: a document that already holds a case is refused and left unchanged', () => {
    const doc = new Y.Doc();
    writeDemoCase(doc, now);
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => writeDemoCase(doc, now)).toThrow(ValidationError);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('has the claim, its actors (Cyrillic names included) and the six dated events of the timeline', () => {
    const doc = new Y.Doc();
    writeDemoCase(doc, now);
    const claims = listClaims(doc);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({
      text: 'NATO has officially opened a peacekeeping centre in Astana, the capital of Kazakhstan.',
      url: '',
      platform: 'Telegram',
      firstSeen: { value: '2022-10', precision: 'month' },
      claimant: 'Russian-language Telegram channels',
      createdBy: DEMO_INVESTIGATOR,
    });
    const claimId = claims[0]?.id;

    const actors = listActors(doc);
    expect(actors.map((actor) => [actor.name, actor.kind])).toEqual([
      ['Russian-language Telegram channels', 'channel'],
      ['Argumenty i Fakty (Аргументы и факты)', 'outlet'],
      ['Moskovsky Komsomolets (Московский комсомолец)', 'outlet'],
      ['Kazakhstan’s Ministry of Defence', 'organisation'],
      ['Daniel Rosenblum', 'person'],
    ]);
    expect(actors.filter((actor) => actor.claimIds.includes(claimId ?? '')).map((actor) => actor.kind)).toEqual([
      'channel',
      'outlet',
      'outlet',
    ]);

    expect(listEvents(doc).map((event) => [event.date.value, event.date.precision, event.title])).toEqual([
      ['1990-10-25', 'day', 'Kazakh SSR declares state sovereignty'],
      ['2022-07', 'month', 'The “30 US biolabs moved from Ukraine” story spreads'],
      ['2022-10', 'month', 'Argumenty i Fakty and Moskovsky Komsomolets republish the story'],
      ['2022-10', 'month', 'Kazakhstan’s Ministry of Defence denies the story'],
      ['2022-10', 'month', 'Telegram channels post the “NATO centre opened” story'],
      ['2022-10-25', 'day', 'Republic Day: President Putin congratulates President Tokayev'],
    ]);
    const names = new Map(actors.map((actor) => [actor.id, actor.name]));
    const actorsOf = (title: string) =>
      listEvents(doc)
        .find((event) => event.title.startsWith(title))
        ?.actorIds.map((id) => names.get(id));
    expect(actorsOf('Telegram channels post')).toEqual(['Russian-language Telegram channels', 'Daniel Rosenblum']);
    expect(actorsOf('Kazakhstan’s Ministry')).toEqual(['Kazakhstan’s Ministry of Defence']);

    // A second replica, loading the document, lists the same items in the same order.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(listActors(copy)).toEqual(actors);
    expect(listEvents(copy)).toEqual(listEvents(doc));
  });

  it('has graded, linked quote evidence whose blobs hash to their SHA-256, and no invented addresses', () => {
    const doc = new Y.Doc();
    const { blobs } = writeDemoCase(doc, now);
    const evidence = listEvidence(doc);
    expect(evidence).toHaveLength(4);
    expect(blobs).toHaveLength(4);
    for (const [index, item] of evidence.entries()) {
      expect(item).toMatchObject({
        kind: 'quote',
        sourceUrl: '',
        finalUrl: '',
        captureTool: 'Casefile demo case',
        capturedBy: { id: 'demo', name: 'Casefile demo' },
        capturedAt: now.toISOString(),
        deleted: null,
        derivedFrom: null,
      });
      expect(item.reliability).not.toBeNull();
      expect(item.credibility).not.toBeNull();
      expect(item.claimIds.length + item.actorIds.length + item.eventIds.length).toBeGreaterThan(1);
      const [file] = item.files;
      expect(file).toMatchObject({
        mime: 'text/plain; charset=utf-8',
        name: `quote-${index + 1}.txt`,
        role: 'original',
      });
      const blob = blobs.find((candidate) => candidate.sha256 === file?.sha256);
      expect(blob, `the blob of "${item.title}"`).toBeDefined();
      expect(bytesToHex(sha256(blob?.bytes ?? new Uint8Array()))).toBe(blob?.sha256);
      expect(new TextDecoder().decode(blob?.bytes)).toBe(item.quote);
      expect(blob?.bytes.length).toBe(file?.size);
      expect(blob?.mime).toBe('text/plain; charset=utf-8');
    }
    const quotes = evidence.map((item) => item.quote).join('\n');
    expect(quotes).toContain('Russian-Kazakh relations are at a high level');
    expect(quotes).toContain('public denial');
    expect(quotes).toContain('almost two decades');
    expect(quotes).toContain('opening of a conference hall');
    expect(JSON.stringify(doc.toJSON())).not.toMatch(/https?:|www\.|\.(png|jpe?g)\b/);
  });

  it('has an approved False verdict with a rich-text rationale the editor reads back', () => {
    const doc = new Y.Doc();
    writeDemoCase(doc, now);
    expect(readVerdict(doc)).toEqual({
      rating: 'false',
      reviewer: 'Casefile demo',
      state: 'approved',
      approvedBy: DEMO_INVESTIGATOR,
      approvedAt: now.toISOString(),
    });
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const blocks = openNotesInEditor(copy, 'verdictRationale');
    expect(blocks[0]?.text).toMatch(
      /^False: a genuine photo of a long-standing Kazakh Ministry of Defence institution/,
    );
    expect(blocks.some((block) => block.type === 'list:bullet')).toBe(true);
    expect(richTextPlainText(doc, 'verdictRationale')).toContain(
      'Technique: out-of-context image plus amplification by state-aligned media.',
    );
  });

  it('logs what it wrote as the demo investigator, and is found by its Cyrillic actor names', () => {
    const doc = new Y.Doc();
    writeDemoCase(doc, now);
    const log = readLog(doc);
    expect(log.every((entry) => entry.by.id === 'demo' && entry.at === now.toISOString())).toBe(true);
    const created = (type: string) => log.filter((entry) => entry.action === 'created' && entry.target.type === type);
    expect(created('case')).toHaveLength(1);
    expect(created('claim')).toHaveLength(1);
    expect(created('actor')).toHaveLength(5);
    expect(created('event')).toHaveLength(6);
    expect(created('evidence')).toHaveLength(4);
    expect(log.filter((entry) => entry.target.type === 'verdict').map((entry) => entry.action)).toEqual([
      'changed',
      'changed',
      'changed',
      'approved',
    ]);
    const search = caseSearchDocument(doc, 'demo');
    expect(search.actors).toContain('Аргументы и факты');
    expect(search.actors).toContain('Московский комсомолец');
  });
});

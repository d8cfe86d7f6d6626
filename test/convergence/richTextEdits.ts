import { richTextRoot } from '@casefile/model';
import * as Y from 'yjs';
import type { Editor } from './caseEdits.js';
import type { Random } from './random.js';

/**
 * Edits to a rich-text field as Lexical's V2 binding stores them: the field's root `Y.XmlElement`
 * holds one `Y.XmlElement('paragraph')` per paragraph, each holding one `Y.XmlText` whose runs
 * carry Lexical's text properties as formatting attributes (`p`). The model only hands out the
 * root; the editor writes these, so the test does too.
 */

const MAX_PARAGRAPHS = 30;
const MAX_PARAGRAPH_LENGTH = 400;

/** Formatting runs as the binding writes them: `p` holds the text node's properties (bold = 1, italic = 2). */
const FORMATS = [{ p: { __format: 1 } }, { p: { __format: 2 } }, { p: null }];

function paragraphs(root: Y.XmlElement): Y.XmlElement[] {
  return root.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement);
}

/** The paragraph's text, created if a concurrent edit left the paragraph without one. */
function textOf(paragraph: Y.XmlElement): Y.XmlText {
  const text = paragraph.toArray().find((node): node is Y.XmlText => node instanceof Y.XmlText);
  if (text) return text;
  const created = new Y.XmlText();
  paragraph.insert(0, [created]);
  return created;
}

function plain(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert?: unknown }>)
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}

const isHighSurrogate = (value: string, index: number) => {
  const code = value.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff;
};

/** An offset in `value` that does not fall inside a surrogate pair (an editor never splits an emoji). */
function offsetIn(random: Random, value: string): number {
  const offset = random.int(0, value.length);
  return offset > 0 && isHighSurrogate(value, offset - 1) ? offset - 1 : offset;
}

/** A range of up to `max` code units from a random offset, whole characters only; empty when `value` is. */
function rangeIn(random: Random, value: string, max: number): { start: number; length: number } {
  const start = offsetIn(random, value);
  let end = Math.min(value.length, start + random.int(1, max));
  if (end > start && isHighSurrogate(value, end - 1)) end++;
  return { start, length: end - start };
}

function newParagraph(random: Random, content: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  if (random.chance(0.2)) paragraph.setAttribute('__format', random.pick(['', 'center', 'right']));
  paragraph.insert(0, [new Y.XmlText(content)]);
  return paragraph;
}

type Edit = (editor: Editor, root: Y.XmlElement) => boolean;

const edits: Record<string, { weight: number; run: Edit }> = {
  insertParagraph: {
    weight: 3,
    run: ({ random }, root) => {
      if (paragraphs(root).length >= MAX_PARAGRAPHS) return false;
      root.insert(random.int(0, root.length), [newParagraph(random, random.words(1, 8))]);
      return true;
    },
  },
  typeText: {
    weight: 10,
    run: ({ random }, root) => {
      const all = paragraphs(root);
      if (all.length === 0) return false;
      const text = textOf(random.pick(all));
      const value = plain(text);
      if (value.length > MAX_PARAGRAPH_LENGTH) return false;
      const words = `${random.words(1, 3)} `;
      if (random.chance(0.2)) text.insert(offsetIn(random, value), words, random.pick(FORMATS));
      else text.insert(offsetIn(random, value), words);
      return true;
    },
  },
  deleteText: {
    weight: 5,
    run: ({ random }, root) => {
      const all = paragraphs(root);
      if (all.length === 0) return false;
      const text = textOf(random.pick(all));
      const value = plain(text);
      if (value.length === 0) return false;
      const { start, length } = rangeIn(random, value, 12);
      if (length === 0) return false;
      text.delete(start, length);
      return true;
    },
  },
  formatText: {
    weight: 2,
    run: ({ random }, root) => {
      const all = paragraphs(root);
      if (all.length === 0) return false;
      const text = textOf(random.pick(all));
      const value = plain(text);
      const { start, length } = rangeIn(random, value, 40);
      if (length === 0) return false;
      text.format(start, length, random.pick(FORMATS));
      return true;
    },
  },
  splitParagraph: {
    // Enter in the middle of a paragraph: its tail moves into a new paragraph after it.
    weight: 2,
    run: ({ random }, root) => {
      const all = paragraphs(root);
      if (all.length === 0 || all.length >= MAX_PARAGRAPHS) return false;
      const paragraph = random.pick(all);
      const text = textOf(paragraph);
      const value = plain(text);
      const offset = offsetIn(random, value);
      const index = root.toArray().indexOf(paragraph);
      text.delete(offset, value.length - offset);
      root.insert(index + 1, [newParagraph(random, value.slice(offset))]);
      return true;
    },
  },
  joinParagraphs: {
    // Backspace at the start of a paragraph: it joins the one before.
    weight: 1,
    run: ({ random }, root) => {
      const all = paragraphs(root);
      if (all.length < 2) return false;
      const at = random.int(1, all.length - 1);
      const [previous, current] = [all[at - 1] as Y.XmlElement, all[at] as Y.XmlElement];
      const text = textOf(previous);
      const moved = plain(textOf(current));
      if (plain(text).length + moved.length > MAX_PARAGRAPH_LENGTH) return false;
      text.insert(text.length, moved);
      root.delete(root.toArray().indexOf(current), 1);
      return true;
    },
  },
  deleteParagraph: {
    weight: 1,
    run: ({ random }, root) => {
      if (root.length === 0) return false;
      root.delete(random.int(0, root.length - 1), 1);
      return true;
    },
  },
  alignParagraph: {
    weight: 1,
    run: ({ random }, root) => {
      const all = paragraphs(root);
      if (all.length === 0) return false;
      random.pick(all).setAttribute('__format', random.pick(['', 'center', 'right', 'justify']));
      return true;
    },
  },
};

/** A rich-text edit on the notes (mostly) or the verdict rationale, in one transaction as the binding makes it. */
export const RICH_TEXT_EDITS: ReadonlyArray<{ name: string; weight: number; run: (editor: Editor) => boolean }> =
  Object.entries(edits).map(([name, edit]) => ({
    name,
    weight: edit.weight,
    run: (editor: Editor) => {
      const field = editor.random.chance(0.8) ? 'notes' : 'verdictRationale';
      const root = richTextRoot(editor.doc, field);
      let done = false;
      editor.doc.transact(() => {
        done = edit.run(editor, root);
      });
      return done;
    },
  }));

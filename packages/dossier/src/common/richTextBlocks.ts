import { type RichTextField, richTextPlainText, richTextRoot } from '@casefile/model';
import * as Y from 'yjs';
import type { RichText, RichTextBlock } from './caseJson.js';

/** Text of a Lexical node stored by the V2 binding: its text runs and those of its children. */
function textOf(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) {
    return node
      .toDelta()
      .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
      .join('');
  }
  return node
    .toArray()
    .map((child) => (child instanceof Y.XmlElement || child instanceof Y.XmlText ? textOf(child) : ''))
    .join('');
}

/** The items of a list, nested lists flattened into the list (a dossier prints them one a line). */
function listItems(list: Y.XmlElement): string[] {
  const items: string[] = [];
  for (const child of list.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    const nested = child.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement);
    const sublists = nested.filter((node) => node.nodeName === 'list');
    if (sublists.length > 0) for (const sublist of sublists) items.push(...listItems(sublist));
    else items.push(textOf(child));
  }
  return items;
}

function toBlock(node: Y.XmlElement | Y.XmlText): RichTextBlock {
  if (node instanceof Y.XmlText) return { type: 'paragraph', text: textOf(node) };
  const attributes = node.getAttributes() as Record<string, unknown>;
  switch (node.nodeName) {
    case 'heading': {
      const level = Number(String(attributes.__tag ?? 'h2').slice(1));
      return { type: 'heading', level: level >= 1 && level <= 6 ? level : 2, text: textOf(node) };
    }
    case 'quote':
      return { type: 'quote', text: textOf(node) };
    case 'list':
      return { type: 'list', ordered: attributes.__listType === 'number', items: listItems(node) };
    default:
      // Paragraphs, and node types a newer editor may add: their text is kept, their styling is not.
      return { type: 'paragraph', text: textOf(node) };
  }
}

/**
 * A rich-text field of the case (notes, verdict rationale) as blocks a dossier can print:
 * headings, paragraphs, quotes and lists, read from the Lexical V2 layout in the case document.
 */
export function readRichText(doc: Y.Doc, field: RichTextField): RichText {
  const blocks: RichTextBlock[] = [];
  for (const node of richTextRoot(doc, field).toArray()) {
    if (node instanceof Y.XmlElement || node instanceof Y.XmlText) blocks.push(toBlock(node));
  }
  return { text: richTextPlainText(doc, field), blocks };
}

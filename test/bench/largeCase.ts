import {
  addActor,
  addEvent,
  type Change,
  captureEvidence,
  type EvidenceFile,
  initCase,
  richTextRoot,
} from '@casefile/model';
import * as Y from 'yjs';
import { mulberry32 } from '../convergence/random.js';

/** How big a generated case is (workload 1's defaults are the sizes investigators reported). */
export interface LargeCaseSize {
  evidence: number;
  events: number;
  actors: number;
  noteWords: number;
}

export interface LargeCaseOptions {
  /**
   * The file record of evidence item `index` (0-based), for a case whose bytes exist (workload 5
   * exports real images). Without it each item gets a made-up hash and size from the seed, as
   * workload 1 needs no bytes.
   */
  evidenceFile?: (index: number) => EvidenceFile;
}

export const LARGE_CASE_TITLE = 'Benchmark: large case';

const WORDS = [
  'channel',
  'posted',
  'photo',
  'archived',
  'source',
  'claim',
  'video',
  'account',
  'outlet',
  'repost',
  'timeline',
  'verified',
  'Telegram',
  'Astana',
  'Москва',
  'источник',
  'café',
  'screenshot',
  'metadata',
  'geolocated',
];

const WORDS_PER_PARAGRAPH = 50;

/**
 * A case as an investigation team builds it over months, written through @casefile/model (so
 * every item is valid and logged as the app would log it), from a fixed seed: the same sizes give
 * the same content in every run. Notes are written in the layout Lexical's V2 binding stores
 * (one `paragraph` element holding one text per paragraph), as the app's editor would read them.
 */
export function generateLargeCase(
  size: LargeCaseSize,
  seed = 1,
  options: LargeCaseOptions = {},
): { doc: Y.Doc; title: string } {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const words = (count: number) => Array.from({ length: count }, () => pick(WORDS)).join(' ');
  const hex = () => Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');

  // Draws from the seed only when called, so workload 1's case stays what it was before the option.
  const madeUpFile = (i: number): EvidenceFile => ({
    sha256: hex(),
    size: 10_000 + Math.floor(random() * 1_000_000),
    mime: 'image/png',
    name: `capture-${i + 1}.png`,
    role: 'original',
  });

  const doc = new Y.Doc();
  const start = Date.UTC(2024, 0, 1);
  let clock = 0;
  // Each write gets its own minute, so the log and the ordering look like months of work.
  const change = (): Change => ({ by: { id: 'bench', name: 'Benchmark' }, now: new Date(start + clock++ * 60_000) });

  initCase(doc, { title: LARGE_CASE_TITLE, summary: words(60), now: new Date(start) }, change());

  const actorIds: string[] = [];
  for (let i = 0; i < size.actors; i++) {
    actorIds.push(
      addActor(
        doc,
        { name: `Actor ${i + 1} ${words(2)}`, kind: 'channel', platform: 'Telegram', notes: words(20) },
        change(),
      ),
    );
  }

  const evidenceIds: string[] = [];
  for (let i = 0; i < size.evidence; i++) {
    evidenceIds.push(
      captureEvidence(
        doc,
        {
          kind: 'screenshot',
          captureTool: 'Casefile benchmark',
          title: `Evidence ${i + 1}: ${words(6)}`,
          sourceUrl: `https://example.org/post/${i + 1}`,
          description: words(25),
          tags: [pick(WORDS), pick(WORDS)].filter((tag, index, all) => all.indexOf(tag) === index),
          actorIds: actorIds.length > 0 ? [pick(actorIds)] : [],
          files: [options.evidenceFile ? options.evidenceFile(i) : madeUpFile(i)],
        },
        change(),
      ),
    );
  }

  for (let i = 0; i < size.events; i++) {
    const day = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    addEvent(
      doc,
      {
        date: { value: day, precision: 'day' },
        title: `Event ${i + 1}: ${words(5)}`,
        description: words(15),
        evidenceIds: evidenceIds.length > 0 ? [pick(evidenceIds)] : [],
        actorIds: actorIds.length > 0 ? [pick(actorIds)] : [],
      },
      change(),
    );
  }

  doc.transact(() => {
    const root = richTextRoot(doc, 'notes');
    const paragraphs: Y.XmlElement[] = [];
    for (let left = size.noteWords; left > 0; left -= WORDS_PER_PARAGRAPH) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`${words(Math.min(WORDS_PER_PARAGRAPH, left))}.`)]);
      paragraphs.push(paragraph);
    }
    root.insert(0, paragraphs);
  });

  return { doc, title: LARGE_CASE_TITLE };
}

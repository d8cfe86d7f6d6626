import * as Y from 'yjs';
import { mulberry32 } from '../convergence/random.js';

/**
 * A fixed reference computation, so that figures from different machines can be compared: a seeded,
 * synthetic editing trace shaped like the B4 trace of the crdt-benchmarks (one author writing a paper:
 * 259,778 single-character edits, about 70 % inserts, mostly at the cursor with occasional jumps),
 * applied to a Y.Text one edit per transaction, as Yjs's B4 benchmark does. The real trace cannot be
 * fetched here; this one is generated from a constant seed, so every run does the same work.
 */
export const REFERENCE_EDITS = 259_778;
const SEED = 0xb4;
const INSERT_SHARE = 0.7;
const JUMP_SHARE = 0.02;
const LETTERS = 'etaoin shrdlucmfwypvbgkjqxz,.ETAOIN\n';

export interface ReferenceResult {
  ms: number;
  finalLength: number;
}

export function runReferenceTrace(edits = REFERENCE_EDITS): ReferenceResult {
  const random = mulberry32(SEED);
  const doc = new Y.Doc();
  const text = doc.getText('text');
  let cursor = 0;
  const started = performance.now();
  for (let i = 0; i < edits; i++) {
    const length = text.length;
    if (random() < JUMP_SHARE) cursor = Math.floor(random() * (length + 1));
    if (random() < INSERT_SHARE || cursor === 0) {
      text.insert(cursor, LETTERS[Math.floor(random() * LETTERS.length)] as string);
      cursor++;
    } else {
      text.delete(cursor - 1, 1);
      cursor--;
    }
  }
  const ms = performance.now() - started;
  const finalLength = text.length;
  doc.destroy();
  return { ms, finalLength };
}

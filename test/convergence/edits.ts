import { CASE_EDITS, type Editor } from './caseEdits.js';
import { RICH_TEXT_EDITS } from './richTextEdits.js';

const EDITS = [...CASE_EDITS, ...RICH_TEXT_EDITS];
const TOTAL_WEIGHT = EDITS.reduce((sum, edit) => sum + edit.weight, 0);

/** The edit at `roll` (from 0 to TOTAL_WEIGHT) on a line where each edit takes its weight. */
function weightedPick(roll: number): (typeof EDITS)[number] {
  let rest = roll;
  for (const edit of EDITS) {
    rest -= edit.weight;
    if (rest < 0) return edit;
  }
  return EDITS[EDITS.length - 1] as (typeof EDITS)[number];
}

/**
 * Makes one random edit (of the case through the model, or of a rich-text field) and returns its
 * name. An edit that does not apply (nothing to update yet) is replaced by another draw. An edit
 * that throws fails the run: every edit is valid input, except `refused`, which checks its refusal.
 */
export function randomEdit(editor: Editor): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const edit = weightedPick(editor.random.float() * TOTAL_WEIGHT);
    try {
      if (edit.run(editor)) return edit.name;
    } catch (error) {
      throw new Error(`${editor.who.name}'s edit "${edit.name}" failed: ${(error as Error).message}`, { cause: error });
    }
  }
  throw new Error(`${editor.who.name} found no edit that applies after 50 draws.`);
}

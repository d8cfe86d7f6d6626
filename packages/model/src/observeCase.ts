import type * as Y from 'yjs';

/** The parts of a case `observeCase` watches: meta, every collection, the verdict and the log. */
const OBSERVED_MAPS = ['meta', 'claims', 'actors', 'events', 'evidence', 'verdict'] as const;

/**
 * Calls `listener` once after every transaction (local or from a collaborator) that changed
 * anything in the case's meta, claims, actors, events, evidence, verdict or log, however deep.
 * Rich-text roots are not watched: their editors observe them, and a keystroke in the notes
 * should not re-read every list. Returns the function that stops observing.
 */
export function observeCase(doc: Y.Doc, listener: () => void): () => void {
  const watched = new Set<unknown>([...OBSERVED_MAPS.map((name) => doc.getMap(name)), doc.getArray('log')]);
  const onTransaction = (transaction: Y.Transaction) => {
    for (const type of transaction.changedParentTypes.keys()) {
      if (watched.has(type)) {
        listener();
        return;
      }
    }
  };
  doc.on('afterTransaction', onTransaction);
  return () => doc.off('afterTransaction', onTransaction);
}

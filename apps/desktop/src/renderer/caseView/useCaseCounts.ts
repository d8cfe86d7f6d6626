import { countActors, countClaims, countEvents, countEvidence } from '@casefile/model';
import { useEffect, useState } from 'react';
import * as Y from 'yjs';

export interface CaseCounts {
  claims: number;
  evidence: number;
  actors: number;
  events: number;
}

function readCounts(doc: Y.Doc): CaseCounts {
  return {
    claims: countClaims(doc),
    // Deleted evidence is kept as a tombstone; it is not part of the case file's count.
    evidence: countEvidence(doc),
    actors: countActors(doc),
    events: countEvents(doc),
  };
}

/**
 * Whether a change to a collection can change how many items it holds: an item added or removed,
 * or an evidence item deleted or restored (its tombstone). Edits inside an item cannot, and with
 * thousands of evidence items re-counting on every keystroke of a description would be felt.
 */
function changesCount(events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>, collection: Y.Map<unknown>): boolean {
  return events.some(
    (event) => event.target === collection || (event instanceof Y.YMapEvent && event.keysChanged.has('deleted')),
  );
}

function sameCounts(a: CaseCounts, b: CaseCounts): boolean {
  return a.claims === b.claims && a.evidence === b.evidence && a.actors === b.actors && a.events === b.events;
}

/** How many claims, evidence items, actors and events the case holds, live. */
export function useCaseCounts(doc: Y.Doc): CaseCounts {
  const [counts, setCounts] = useState(() => readCounts(doc));
  useEffect(() => {
    setCounts((current) => {
      const now = readCounts(doc);
      return sameCounts(current, now) ? current : now;
    });
    const collections = ['claims', 'evidence', 'actors', 'events'].map((name) => doc.getMap<unknown>(name));
    const onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      if (collections.some((collection) => changesCount(events, collection))) setCounts(readCounts(doc));
    };
    for (const collection of collections) collection.observeDeep(onChange);
    return () => {
      for (const collection of collections) collection.unobserveDeep(onChange);
    };
  }, [doc]);
  return counts;
}

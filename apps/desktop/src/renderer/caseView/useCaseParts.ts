import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';

/** Top-level parts of the case document, as DESIGN.md names them. */
export type CasePart = 'meta' | 'claims' | 'actors' | 'events' | 'evidence' | 'verdict' | 'log';

function sharedTypeOf(doc: Y.Doc, part: CasePart): Y.Map<unknown> | Y.Array<unknown> {
  return part === 'log' ? doc.getArray('log') : doc.getMap(part);
}

/**
 * `read(doc)`, read again after every transaction (local or a collaborator's) that changed one of
 * `parts`, however deep. Watching only the parts a view shows keeps typing in one tab from
 * re-reading every list of the case (5,000 evidence items included).
 */
export function useCaseParts<T>(doc: Y.Doc, parts: readonly CasePart[], read: (doc: Y.Doc) => T): T {
  const readRef = useRef(read);
  readRef.current = read;
  const [value, setValue] = useState(() => read(doc));
  const key = parts.join(' ');

  useEffect(() => {
    const watched = new Set<unknown>(key.split(' ').map((part) => sharedTypeOf(doc, part as CasePart)));
    const refresh = () => setValue(() => readRef.current(doc));
    const onTransaction = (transaction: Y.Transaction) => {
      for (const type of transaction.changedParentTypes.keys()) {
        if (watched.has(type)) {
          refresh();
          return;
        }
      }
    };
    refresh();
    doc.on('afterTransaction', onTransaction);
    return () => doc.off('afterTransaction', onTransaction);
  }, [doc, key]);

  return value;
}

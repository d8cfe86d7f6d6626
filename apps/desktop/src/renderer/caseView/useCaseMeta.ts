import { type CaseMeta, observeMeta, readMeta } from '@casefile/model';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

export function useCaseMeta(doc: Y.Doc): CaseMeta {
  const [meta, setMeta] = useState(() => readMeta(doc));
  useEffect(() => {
    setMeta(readMeta(doc));
    return observeMeta(doc, setMeta);
  }, [doc]);
  return meta;
}

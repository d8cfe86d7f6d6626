import type { Observable } from '@casefile/sync';
import { useEffect, useState } from 'react';

/** The current value of a sync Observable (connection status, peers), re-rendering on change. */
export function useObservable<T>(observable: Observable<T>): T {
  const [value, setValue] = useState<T>(() => observable.get());
  useEffect(() => {
    setValue(() => observable.get());
    return observable.subscribe((next) => setValue(() => next));
  }, [observable]);
  return value;
}

import { onStorageError } from '@casefile/storage';
import { useEffect, useState } from 'react';
import { useCasefile } from './CasefileContext';

/** A save that failed in the background (disk full…) has no one to throw to; it is shown here. */
export function StorageErrorBanner() {
  const { db } = useCasefile();
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => onStorageError(db, setError), [db]);
  if (!error) return null;
  return (
    <div className="banner banner--error" role="alert">
      <p>{error.message}</p>
      <button type="button" onClick={() => setError(null)}>
        Dismiss
      </button>
    </div>
  );
}

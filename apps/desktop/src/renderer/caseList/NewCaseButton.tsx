import { createCase } from '@casefile/storage';
import { useState } from 'react';
import { useCasefile } from '../app/CasefileContext';
import { describeError } from '../app/describeError';
import { openCase } from '../routing/caseOpening';

/** Creates an empty case on this device (listed for the team through the workspace) and opens it. */
export function NewCaseButton() {
  const { db, workspace } = useCasefile();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const create = async () => {
    setCreating(true);
    setError(null);
    try {
      const caseId = await createCase(db, workspace, {});
      openCase(caseId, { focusTitle: true });
    } catch (failure) {
      setError(describeError(failure, 'Creating the case'));
      setCreating(false);
    }
  };

  return (
    <div className="new-case">
      <button type="button" className="button button--primary" onClick={create} disabled={creating}>
        New case
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

import { initCase } from '@casefile/model';
import { createCase } from '@casefile/storage';
import { useState } from 'react';
import { useCasefile } from '../app/CasefileContext';
import { describeError } from '../app/describeError';
import { openCase } from '../routing/caseOpening';
import { useInvestigator } from '../settings/useInvestigator';

/** Creates an empty case on this device (listed for the team through the workspace) and opens it. */
export function NewCaseButton() {
  const { db, workspace } = useCasefile();
  const investigator = useInvestigator();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const create = async () => {
    setCreating(true);
    setError(null);
    try {
      // The case's activity log starts with who created it.
      const caseId = await createCase(db, workspace, {}, (doc) => {
        initCase(doc, {}, { by: investigator });
      });
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

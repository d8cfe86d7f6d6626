import {
  addClaim,
  type Claim,
  deleteClaim,
  getActor,
  getEvidence,
  listActors,
  listClaims,
  listEvidence,
  updateActor,
  updateEvidence,
} from '@casefile/model';
import { useId } from 'react';
import type * as Y from 'yjs';
import { describeError } from '../../app/describeError';
import { useInvestigator } from '../../settings/useInvestigator';
import { useUndoToast } from '../UndoToast';
import { useCaseParts } from '../useCaseParts';
import { useDraft } from '../useDraft';
import { ClaimCard } from './ClaimCard';

const PARTS = ['claims'] as const;

/** The Claims tab: every claim under investigation, editable in place, and "Add claim". */
export function ClaimsPanel({ doc }: { doc: Y.Doc }) {
  const headingId = useId();
  const investigator = useInvestigator();
  const claims = useCaseParts(doc, PARTS, listClaims);
  const draft = useDraft<'text'>();
  const { showUndo, showMessage } = useUndoToast();

  const remove = (claim: Claim) => {
    const change = { by: investigator };
    // Deleting unlinks the claim everywhere; Undo adds it again and puts those links back.
    const actorIds = listActors(doc)
      .filter((actor) => actor.claimIds.includes(claim.id))
      .map((actor) => actor.id);
    const evidenceIds = listEvidence(doc)
      .filter((item) => item.claimIds.includes(claim.id))
      .map((item) => item.id);
    try {
      deleteClaim(doc, claim.id, change);
    } catch (failure) {
      showMessage(describeError(failure, 'Deleting the claim'));
      return;
    }
    showUndo(
      'Claim deleted',
      () => {
        doc.transact(() => {
          const { text, url, platform, firstSeen, claimant } = claim;
          const id = addClaim(doc, { text, url, platform, firstSeen, claimant }, change);
          for (const actorId of actorIds) {
            const actor = getActor(doc, actorId);
            if (actor) updateActor(doc, actorId, { claimIds: [...actor.claimIds, id] }, change);
          }
          for (const evidenceId of evidenceIds) {
            const item = getEvidence(doc, evidenceId);
            if (item && !item.deleted) updateEvidence(doc, evidenceId, { claimIds: [...item.claimIds, id] }, change);
          }
        });
      },
      'Restoring the claim',
    );
  };

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel__header">
        <h2 id={headingId}>Claims</h2>
        <button type="button" className="button button--primary" onClick={draft.start}>
          Add claim
        </button>
      </div>
      <p className="panel__intro">
        What is being said, where it appeared, when it was first seen and who made it. A case checks one claim or
        several.
      </p>
      {claims.length === 0 && !draft.open && (
        <div className="empty-state">
          <p>No claims yet. Press Add claim and type the claim as it was made.</p>
        </div>
      )}
      {(claims.length > 0 || draft.open) && (
        <ol className="item-list">
          {claims.map((claim, index) => (
            <li key={claim.id} className="item-list__item">
              <ClaimCard
                doc={doc}
                claim={claim}
                number={index + 1}
                focusField={draft.created?.id === claim.id ? draft.created.field : undefined}
                onFocused={draft.settle}
                onDelete={() => remove(claim)}
              />
            </li>
          ))}
          {draft.open && (
            <li className="item-list__item">
              <ClaimCard
                doc={doc}
                claim={null}
                number={claims.length + 1}
                focusToken={draft.focusToken}
                onCreated={(id) => draft.finish(id, 'text')}
                onCancel={draft.cancel}
              />
            </li>
          )}
        </ol>
      )}
    </section>
  );
}

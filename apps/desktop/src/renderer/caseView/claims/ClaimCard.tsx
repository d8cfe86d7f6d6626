import { addClaim, type Claim, type ClaimInput, updateClaim } from '@casefile/model';
import { useEffect, useId } from 'react';
import type * as Y from 'yjs';
import { useInvestigator } from '../../settings/useInvestigator';
import { ConfirmDelete } from '../fields/ConfirmDelete';
import { ItemFooter } from '../fields/ItemFooter';
import { PreciseDateField } from '../fields/PreciseDateField';
import { TextField } from '../fields/TextField';

interface Props {
  doc: Y.Doc;
  /** null: the draft of a new claim, written to the case once its text is typed. */
  claim: Claim | null;
  number: number;
  focusField?: 'text';
  onFocused?: () => void;
  onDelete?: () => void;
  focusToken?: number;
  onCreated?: (id: string) => void;
  onCancel?: () => void;
}

/** One claim, every field bound to the case: what was said, where, when first seen, by whom. */
export function ClaimCard({
  doc,
  claim,
  number,
  focusField,
  onFocused,
  onDelete,
  focusToken,
  onCreated,
  onCancel,
}: Props) {
  const headingId = useId();
  const investigator = useInvestigator();

  useEffect(() => {
    if (focusField) onFocused?.();
  }, [focusField, onFocused]);

  const save = (patch: Partial<ClaimInput>) => {
    if (claim) updateClaim(doc, claim.id, patch, { by: investigator });
  };

  const saveText = (text: string) => {
    if (claim) {
      save({ text });
      return;
    }
    // A draft becomes a claim with its first character; spaces alone are not yet a claim.
    if (text.trim() === '') return;
    onCreated?.(addClaim(doc, { text }, { by: investigator }));
  };

  return (
    <article className={`item-card${claim ? '' : ' item-card--draft'}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="item-card__heading">
        {claim ? `Claim ${number}` : 'New claim'}
      </h3>
      <TextField
        label="Claim text"
        value={claim?.text ?? ''}
        onSave={saveText}
        doing="Saving the claim"
        multiline
        rows={2}
        placeholder="The claim as it was made, in its own words"
        autoFocus={claim ? focusField === 'text' : (focusToken ?? true)}
        help={claim ? undefined : 'The claim is added to the case as you type.'}
        inputClassName="item-card__lead-input"
      />
      {claim ? (
        <>
          <div className="item-card__grid">
            <TextField
              label="URL"
              type="url"
              value={claim.url}
              onSave={(url) => save({ url })}
              doing="Saving the claim’s address"
              placeholder="https://"
              errorsOnBlur
            />
            <TextField
              label="Platform"
              value={claim.platform}
              onSave={(platform) => save({ platform })}
              doing="Saving the platform"
              placeholder="Telegram, X, a TV channel…"
            />
            <PreciseDateField
              label="First seen"
              value={claim.firstSeen}
              onSave={(firstSeen) => save({ firstSeen })}
              doing="Saving the first-seen date"
            />
            <TextField
              label="Claimant"
              value={claim.claimant}
              onSave={(claimant) => save({ claimant })}
              doing="Saving the claimant"
              placeholder="Who made the claim"
            />
          </div>
          <ItemFooter by={claim.createdBy} at={claim.createdAt}>
            {onDelete && <ConfirmDelete noun="claim" name={claim.text} onDelete={onDelete} />}
          </ItemFooter>
        </>
      ) : (
        <div className="item-card__footer">
          <span />
          <button type="button" className="button button--small" onClick={onCancel}>
            Cancel
          </button>
        </div>
      )}
    </article>
  );
}

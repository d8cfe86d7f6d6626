import {
  ACTOR_KINDS,
  type Actor,
  type ActorInput,
  type ActorKind,
  addActor,
  type Claim,
  updateActor,
} from '@casefile/model';
import { useEffect, useId, useState } from 'react';
import type * as Y from 'yjs';
import { useInvestigator } from '../../settings/useInvestigator';
import { useCaseTabHref } from '../caseTabHref';
import { ConfirmDelete } from '../fields/ConfirmDelete';
import { ItemFooter } from '../fields/ItemFooter';
import { LinkChecklist } from '../fields/LinkChecklist';
import { SelectField } from '../fields/SelectField';
import { TextField } from '../fields/TextField';

export const ACTOR_KIND_LABELS: Record<ActorKind, string> = {
  outlet: 'Outlet',
  channel: 'Channel',
  account: 'Account',
  person: 'Person',
  organisation: 'Organisation',
};

const KIND_OPTIONS = ACTOR_KINDS.map((kind) => ({ value: kind, label: ACTOR_KIND_LABELS[kind] }));

interface Props {
  doc: Y.Doc;
  /** null: the draft of a new actor, written to the case once it has a name. */
  actor: Actor | null;
  claims: readonly Claim[];
  focusField?: 'name';
  onFocused?: () => void;
  onDelete?: () => void;
  focusToken?: number;
  onCreated?: (id: string) => void;
  onCancel?: () => void;
}

function claimLabel(claim: Claim): string {
  const flat = claim.text.replace(/\s+/g, ' ').trim();
  return flat.length <= 120 ? flat : `${flat.slice(0, 119)}…`;
}

/** One actor, every field bound to the case, with the claims it made or spread. */
export function ActorCard({
  doc,
  actor,
  claims,
  focusField,
  onFocused,
  onDelete,
  focusToken,
  onCreated,
  onCancel,
}: Props) {
  const headingId = useId();
  const investigator = useInvestigator();
  const caseTabHref = useCaseTabHref();
  // The kind chosen in a draft, used when the actor is created.
  const [draftKind, setDraftKind] = useState<ActorKind>('account');

  useEffect(() => {
    if (focusField) onFocused?.();
  }, [focusField, onFocused]);

  const save = (patch: Partial<ActorInput>) => {
    if (actor) updateActor(doc, actor.id, patch, { by: investigator });
  };

  const saveName = (name: string) => {
    if (actor) {
      save({ name });
      return;
    }
    if (name.trim() === '') return;
    onCreated?.(addActor(doc, { name, kind: draftKind }, { by: investigator }));
  };

  return (
    <article className={`item-card${actor ? '' : ' item-card--draft'}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="item-card__heading">
        {actor ? actor.name || 'Unnamed actor' : 'New actor'}
      </h3>
      <div className="item-card__grid item-card__grid--name">
        <TextField
          label="Name"
          value={actor?.name ?? ''}
          onSave={saveName}
          doing="Saving the actor’s name"
          placeholder="Outlet, channel, account, person or organisation"
          autoFocus={actor ? focusField === 'name' : (focusToken ?? true)}
          help={actor ? undefined : 'The actor is added to the case as you type its name.'}
        />
        <SelectField
          label="Kind"
          value={actor?.kind ?? draftKind}
          options={KIND_OPTIONS}
          onSave={(kind) => (actor ? save({ kind: kind as ActorKind }) : setDraftKind(kind as ActorKind))}
          doing="Saving the kind of actor"
        />
      </div>
      {actor ? (
        <>
          <div className="item-card__grid item-card__grid--three">
            <TextField
              label="Platform"
              value={actor.platform}
              onSave={(platform) => save({ platform })}
              doing="Saving the platform"
              placeholder="Telegram, X, a website…"
            />
            <TextField
              label="URL"
              type="url"
              value={actor.url}
              onSave={(url) => save({ url })}
              doing="Saving the actor’s address"
              placeholder="https://"
              errorsOnBlur
            />
            <TextField
              label="Platform id"
              value={actor.platformId}
              onSave={(platformId) => save({ platformId })}
              doing="Saving the platform id"
              placeholder="A handle or account number"
            />
          </div>
          <TextField
            label="Notes on the actor"
            value={actor.notes}
            onSave={(notes) => save({ notes })}
            doing="Saving the notes on the actor"
            multiline
            rows={3}
          />
          <LinkChecklist
            legend="Claims this actor made or spread"
            options={claims.map((claim) => ({ id: claim.id, label: claimLabel(claim) }))}
            selected={actor.claimIds}
            onSave={(claimIds) => save({ claimIds })}
            doing="Linking the claims"
            empty={
              <>
                No claims yet; add them on the <a href={caseTabHref('claims')}>Claims</a> tab.
              </>
            }
          />
          <ItemFooter by={actor.createdBy} at={actor.createdAt}>
            {onDelete && <ConfirmDelete noun="actor" name={actor.name} onDelete={onDelete} />}
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

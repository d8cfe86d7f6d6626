import {
  type Actor,
  addActor,
  deleteActor,
  getEvent,
  getEvidence,
  listActors,
  listClaims,
  listEvents,
  listEvidence,
  updateEvent,
  updateEvidence,
} from '@casefile/model';
import { useId } from 'react';
import type * as Y from 'yjs';
import { describeError } from '../../app/describeError';
import { useInvestigator } from '../../settings/useInvestigator';
import { useUndoToast } from '../UndoToast';
import { useCaseParts } from '../useCaseParts';
import { useDraft } from '../useDraft';
import { ActorCard } from './ActorCard';

const PARTS = ['actors', 'claims'] as const;

function readActorsAndClaims(doc: Y.Doc) {
  return { actors: listActors(doc), claims: listClaims(doc) };
}

/** The Actors tab: outlets, channels, accounts, people and organisations, and the claims they spread. */
export function ActorsPanel({ doc }: { doc: Y.Doc }) {
  const headingId = useId();
  const investigator = useInvestigator();
  const { actors, claims } = useCaseParts(doc, PARTS, readActorsAndClaims);
  const draft = useDraft<'name'>();
  const { showUndo, showMessage } = useUndoToast();

  const remove = (actor: Actor) => {
    const change = { by: investigator };
    // Deleting unlinks the actor from evidence and events; Undo puts those links back.
    const evidenceIds = listEvidence(doc)
      .filter((item) => item.actorIds.includes(actor.id))
      .map((item) => item.id);
    const eventIds = listEvents(doc)
      .filter((event) => event.actorIds.includes(actor.id))
      .map((event) => event.id);
    try {
      deleteActor(doc, actor.id, change);
    } catch (failure) {
      showMessage(describeError(failure, 'Deleting the actor'));
      return;
    }
    showUndo(
      'Actor deleted',
      () => {
        doc.transact(() => {
          const { name, kind, platform, url, platformId, notes } = actor;
          // Claims deleted meanwhile cannot be linked again; the rest are.
          const remaining = new Set(listClaims(doc).map((claim) => claim.id));
          const claimIds = actor.claimIds.filter((id) => remaining.has(id));
          const id = addActor(doc, { name, kind, platform, url, platformId, notes, claimIds }, change);
          for (const evidenceId of evidenceIds) {
            const item = getEvidence(doc, evidenceId);
            if (item && !item.deleted) updateEvidence(doc, evidenceId, { actorIds: [...item.actorIds, id] }, change);
          }
          for (const eventId of eventIds) {
            const event = getEvent(doc, eventId);
            if (event) updateEvent(doc, eventId, { actorIds: [...event.actorIds, id] }, change);
          }
        });
      },
      'Restoring the actor',
    );
  };

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel__header">
        <h2 id={headingId}>Actors</h2>
        <button type="button" className="button button--primary" onClick={draft.start}>
          Add actor
        </button>
      </div>
      <p className="panel__intro">
        Who made or spread the claims: outlets, channels, accounts, people and organisations.
      </p>
      {actors.length === 0 && !draft.open && (
        <div className="empty-state">
          <p>No actors yet. Press Add actor and name the outlet, channel, account, person or organisation.</p>
        </div>
      )}
      {(actors.length > 0 || draft.open) && (
        <ol className="item-list">
          {actors.map((actor) => (
            <li key={actor.id} className="item-list__item">
              <ActorCard
                doc={doc}
                actor={actor}
                claims={claims}
                focusField={draft.created?.id === actor.id ? draft.created.field : undefined}
                onFocused={draft.settle}
                onDelete={() => remove(actor)}
              />
            </li>
          ))}
          {draft.open && (
            <li className="item-list__item">
              <ActorCard
                doc={doc}
                actor={null}
                claims={claims}
                focusToken={draft.focusToken}
                onCreated={(id) => draft.finish(id, 'name')}
                onCancel={draft.cancel}
              />
            </li>
          )}
        </ol>
      )}
    </section>
  );
}

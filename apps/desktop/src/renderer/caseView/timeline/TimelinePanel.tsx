import {
  addEvent,
  type CaseEvent,
  deleteEvent,
  getEvidence,
  listActors,
  listEvents,
  listEvidence,
  updateEvidence,
} from '@casefile/model';
import { useEffect, useId, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { describeError } from '../../app/describeError';
import { useInvestigator } from '../../settings/useInvestigator';
import { useUndoToast } from '../UndoToast';
import { useCaseParts } from '../useCaseParts';
import { useDraft } from '../useDraft';
import { EventEditor, type EventField, evidenceLabel } from './EventEditor';
import { TimelineChart } from './TimelineChart';
import { formatTimelineDate, timelineDateTime } from './timelineDates';

const PARTS = ['events', 'evidence', 'actors'] as const;

function readTimeline(doc: Y.Doc) {
  return { events: listEvents(doc), evidence: listEvidence(doc), actors: listActors(doc) };
}

/**
 * The Timeline tab: the story in date order (an ordered list, each event editable in place) and
 * the same events drawn to scale above it.
 */
export function TimelinePanel({ doc }: { doc: Y.Doc }) {
  const headingId = useId();
  const storyHeadingId = useId();
  const investigator = useInvestigator();
  const { events, evidence, actors } = useCaseParts(doc, PARTS, readTimeline);
  const draft = useDraft<EventField>();
  const [editing, setEditing] = useState<string | null>(null);
  // "Done" closes the editor; the focus goes back to that event's Edit button.
  const [returnFocusTo, setReturnFocusTo] = useState<string | null>(null);
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  useEffect(() => {
    if (returnFocusTo === null) return;
    editButtons.current.get(returnFocusTo)?.focus();
    setReturnFocusTo(null);
  }, [returnFocusTo]);
  const { showUndo, showMessage } = useUndoToast();
  const evidenceById = new Map(evidence.map((item) => [item.id, item]));
  const actorsById = new Map(actors.map((actor) => [actor.id, actor]));

  const remove = (event: CaseEvent) => {
    const change = { by: investigator };
    try {
      deleteEvent(doc, event.id, change);
    } catch (failure) {
      showMessage(describeError(failure, 'Deleting the event'));
      return;
    }
    setEditing(null);
    showUndo(
      'Event deleted',
      () => {
        const { date, title, description } = event;
        // Links to evidence deleted or actors removed meanwhile are left out: the model refuses them.
        const evidenceIds = event.evidenceIds.filter((id) => {
          const item = getEvidence(doc, id);
          return item !== null && item.deleted === null;
        });
        const actorIds = event.actorIds.filter((id) => listActors(doc).some((actor) => actor.id === id));
        doc.transact(() => {
          const id = addEvent(doc, { date, title, description, evidenceIds, actorIds }, change);
          for (const evidenceId of evidenceIds) {
            const item = getEvidence(doc, evidenceId);
            if (item && !item.eventIds.includes(id)) {
              updateEvidence(doc, evidenceId, { eventIds: [...item.eventIds, id] }, change);
            }
          }
        });
      },
      'Restoring the event',
    );
  };

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel__header">
        <h2 id={headingId}>Timeline</h2>
        <button type="button" className="button button--primary" onClick={draft.start}>
          Add event
        </button>
      </div>
      <p className="panel__intro">
        What happened when, dated only as exactly as the sources allow, with the evidence and the actors for each event.
      </p>

      {draft.open && (
        <EventEditor
          doc={doc}
          event={null}
          evidence={evidence}
          actors={actors}
          focusToken={draft.focusToken}
          onCreated={(id, field) => {
            setEditing(id);
            draft.finish(id, field);
          }}
          onCancel={draft.cancel}
        />
      )}

      {events.length === 0 && !draft.open && (
        <div className="empty-state">
          <p>No events yet. Press Add event to put the first moment of the story on the timeline.</p>
        </div>
      )}

      {events.length > 0 && (
        <>
          <TimelineChart events={events} />
          <h3 id={storyHeadingId} className="story__heading">
            The story, in order
          </h3>
          <ol className="story" aria-labelledby={storyHeadingId}>
            {events.map((event) => {
              const linkedEvidence = event.evidenceIds.flatMap((id) => evidenceById.get(id) ?? []);
              const linkedActors = event.actorIds.flatMap((id) => actorsById.get(id) ?? []);
              const isEditing = editing === event.id;
              return (
                <li key={event.id} className={`story__event${isEditing ? ' story__event--editing' : ''}`}>
                  <time className="story__date" dateTime={timelineDateTime(event.date)}>
                    {formatTimelineDate(event.date)}
                  </time>
                  <div className="story__body">
                    <p className="story__title">{event.title}</p>
                    {event.description.trim() !== '' && <p className="story__description">{event.description}</p>}
                    {linkedEvidence.length > 0 && (
                      <p className="story__links">
                        <span className="story__links-label">Evidence: </span>
                        {linkedEvidence.map(evidenceLabel).join('; ')}
                      </p>
                    )}
                    {linkedActors.length > 0 && (
                      <p className="story__links">
                        <span className="story__links-label">Actors: </span>
                        {linkedActors.map((actor) => actor.name).join('; ')}
                      </p>
                    )}
                    {isEditing ? (
                      <EventEditor
                        doc={doc}
                        event={event}
                        evidence={evidence}
                        actors={actors}
                        focusField={draft.created?.id === event.id ? draft.created.field : undefined}
                        onFocused={draft.settle}
                        onDone={() => {
                          setEditing(null);
                          setReturnFocusTo(event.id);
                        }}
                        onDelete={() => remove(event)}
                      />
                    ) : (
                      <button
                        ref={(element) => {
                          if (element) editButtons.current.set(event.id, element);
                          else editButtons.current.delete(event.id);
                        }}
                        type="button"
                        className="button button--small"
                        onClick={() => setEditing(event.id)}
                      >
                        Edit<span className="visually-hidden"> “{event.title}”</span>
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}

import {
  type Actor,
  addEvent,
  type CaseEvent,
  type CaseEventInput,
  type Evidence,
  type PreciseDate,
  updateEvent,
} from '@casefile/model';
import { useEffect, useId, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { describeError } from '../../app/describeError';
import { useInvestigator } from '../../settings/useInvestigator';
import { useCaseTabHref } from '../caseTabHref';
import { ConfirmDelete } from '../fields/ConfirmDelete';
import { ItemFooter } from '../fields/ItemFooter';
import { LinkChecklist } from '../fields/LinkChecklist';
import { PreciseDateField } from '../fields/PreciseDateField';
import { TextField } from '../fields/TextField';
import { useKeepFocusWithin } from '../useKeepFocusWithin';

export type EventField = 'date' | 'title';

interface Props {
  doc: Y.Doc;
  /** null: the draft of a new event, added to the timeline once it has a date and a title. */
  event: CaseEvent | null;
  evidence: readonly Evidence[];
  actors: readonly Actor[];
  focusField?: EventField;
  onFocused?: () => void;
  onDone?: () => void;
  onDelete?: () => void;
  focusToken?: number;
  onCreated?: (id: string, field: EventField) => void;
  onCancel?: () => void;
}

export function evidenceLabel(item: Evidence): string {
  const text =
    item.title.trim() || item.quote.trim() || item.files[0]?.name || item.sourceUrl || `${item.kind} evidence`;
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= 120 ? flat : `${flat.slice(0, 119)}…`;
}

const DATE_REQUIRED =
  'An event needs a date: give it as exactly as the sources allow (a year, a month, a day or a minute).';

/** One event of the timeline, every field bound to the case. */
export function EventEditor({
  doc,
  event,
  evidence,
  actors,
  focusField,
  onFocused,
  onDone,
  onDelete,
  focusToken,
  onCreated,
  onCancel,
}: Props) {
  const headingId = useId();
  const investigator = useInvestigator();
  const caseTabHref = useCaseTabHref();
  const container = useRef<HTMLElement>(null);
  useKeepFocusWithin(container);
  // A draft holds its date and title here until both are there.
  const [draftDate, setDraftDate] = useState<PreciseDate | null>(null);
  const [draftTitle, setDraftTitle] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);

  useEffect(() => {
    if (focusField) onFocused?.();
  }, [focusField, onFocused]);

  const save = (patch: Partial<CaseEventInput>) => {
    if (event) updateEvent(doc, event.id, patch, { by: investigator });
  };

  const createIfComplete = (date: PreciseDate | null, title: string, field: EventField) => {
    if (date === null || title.trim() === '') return;
    try {
      onCreated?.(addEvent(doc, { date, title }, { by: investigator }), field);
      setDraftError(null);
    } catch (failure) {
      setDraftError(describeError(failure, 'Adding the event'));
    }
  };

  const saveDate = (date: PreciseDate | null) => {
    if (event) {
      if (date) save({ date });
      return;
    }
    setDraftDate(date);
    createIfComplete(date, draftTitle, 'date');
  };

  const saveTitle = (title: string) => {
    if (event) {
      save({ title });
      return;
    }
    setDraftTitle(title);
    createIfComplete(draftDate, title, 'title');
  };

  return (
    <section
      ref={container}
      className={`item-card event-editor${event ? '' : ' item-card--draft'}`}
      aria-labelledby={headingId}
    >
      <h3 id={headingId} className={event ? 'visually-hidden' : 'item-card__heading'}>
        {event ? `Edit “${event.title}”` : 'New event'}
      </h3>
      <div className="item-card__grid">
        <PreciseDateField
          label="Date"
          value={event?.date ?? draftDate}
          onSave={saveDate}
          doing="Saving the event’s date"
          required
          requiredMessage={DATE_REQUIRED}
          autoFocus={event ? focusField === 'date' : (focusToken ?? true)}
        />
        <TextField
          label="Event title"
          value={event?.title ?? draftTitle}
          onSave={saveTitle}
          doing="Saving the event’s title"
          placeholder="What happened, in a few words"
          autoFocus={event ? focusField === 'title' : undefined}
        />
      </div>
      {!event && <p className="field__help">The event is added to the timeline once it has a date and a title.</p>}
      {draftError && (
        <p className="field-error" role="alert">
          {draftError}
        </p>
      )}
      {event ? (
        <>
          <TextField
            label="Description"
            value={event.description}
            onSave={(description) => save({ description })}
            doing="Saving the event’s description"
            multiline
            rows={3}
          />
          <div className="item-card__grid">
            <LinkChecklist
              legend="Evidence for this event"
              options={evidence.map((item) => ({ id: item.id, label: evidenceLabel(item) }))}
              selected={event.evidenceIds}
              onSave={(evidenceIds) => save({ evidenceIds })}
              doing="Linking the evidence"
              empty={
                <>
                  No evidence yet; capture it on the <a href={caseTabHref('evidence')}>Evidence</a> tab.
                </>
              }
            />
            <LinkChecklist
              legend="Actors involved"
              options={actors.map((actor) => ({ id: actor.id, label: actor.name }))}
              selected={event.actorIds}
              onSave={(actorIds) => save({ actorIds })}
              doing="Linking the actors"
              empty={
                <>
                  No actors yet; add them on the <a href={caseTabHref('actors')}>Actors</a> tab.
                </>
              }
            />
          </div>
          <ItemFooter by={event.createdBy} at={event.createdAt}>
            {onDelete && <ConfirmDelete noun="event" name={event.title} onDelete={onDelete} />}
            {onDone && (
              <button type="button" className="button button--small" onClick={onDone}>
                Done
              </button>
            )}
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
    </section>
  );
}

import {
  CREDIBILITY_GRADES,
  deleteEvidence,
  type Evidence,
  type EvidencePatch,
  RELIABILITY_GRADES,
  restoreEvidence,
  updateEvidence,
} from '@casefile/model';
import { type FormEvent, useCallback, useId, useState } from 'react';
import type * as Y from 'yjs';
import { describeError } from '../../app/describeError';
import { useInvestigator } from '../../settings/useInvestigator';
import { LinkChecklist } from '../fields/LinkChecklist';
import { formatUtcTime } from './captureTime';
import { EvidenceFileView } from './EvidenceFileView';
import { CaptureLine, displayEvidenceTitle } from './EvidenceRow';
import { EvidenceTextField } from './EvidenceTextField';
import { EVIDENCE_KIND_LABELS } from './evidenceKinds';
import { credibilityOptionText, parseCredibility, parseReliability, reliabilityOptionText } from './grading';
import { ModalDialog } from './ModalDialog';
import { TagEditor } from './TagEditor';
import { useCaseLinkOptions } from './useCaseLinkOptions';
import { WebLink } from './WebLink';

interface Props {
  doc: Y.Doc;
  item: Evidence;
  onClose: () => void;
  onDeleted: (item: Evidence) => void;
}

/**
 * An opened evidence item: the capture record, read-only (kind, when, who, with what, the files
 * with their hashes, opened and verified), and what may change after capture — title,
 * description, grading, tags and links — each bound live to the case document.
 */
export function EvidenceDetailsDialog({ doc, item, onClose, onDeleted }: Props) {
  const investigator = useInvestigator();
  const links = useCaseLinkOptions(doc);
  const deleted = item.deleted !== null;

  const save = useCallback(
    (patch: EvidencePatch): void => updateEvidence(doc, item.id, patch, { by: investigator }),
    [doc, item.id, investigator],
  );
  /** For fields that show their own error: the error's sentence, or null once saved. */
  const edit = useCallback(
    (patch: EvidencePatch): string | null => {
      try {
        save(patch);
        return null;
      } catch (error) {
        return describeError(error, 'Saving the change');
      }
    },
    [save],
  );

  return (
    <ModalDialog
      title={
        <>
          <span className={`kind-badge kind-badge--${item.kind}`}>{EVIDENCE_KIND_LABELS[item.kind]}</span>{' '}
          {displayEvidenceTitle(item)}
        </>
      }
      onClose={onClose}
      className="evidence-details"
    >
      {item.deleted && <RestoreBar doc={doc} item={item} />}

      <section className="evidence-details__section" aria-labelledby={`${item.id}-record`}>
        <h3 id={`${item.id}-record`}>Capture record</h3>
        <p className="field__help">Fixed at capture: it cannot be changed, only captured again as a new item.</p>
        <dl className="evidence-record">
          <div>
            <dt>Kind</dt>
            <dd>{EVIDENCE_KIND_LABELS[item.kind]}</dd>
          </div>
          <div>
            <dt>Captured</dt>
            <dd>
              <CaptureLine item={item} />
            </dd>
          </div>
          {item.sourceUrl && (
            <div>
              <dt>Source URL</dt>
              <dd>
                <WebLink url={item.sourceUrl} />
              </dd>
            </div>
          )}
          {item.finalUrl && item.finalUrl !== item.sourceUrl && (
            <div>
              <dt>Final URL</dt>
              <dd>
                <WebLink url={item.finalUrl} />
              </dd>
            </div>
          )}
          {item.kind === 'quote' && (
            <div>
              <dt>Quote</dt>
              <dd>
                <blockquote className="evidence-record__quote">{item.quote}</blockquote>
              </dd>
            </div>
          )}
        </dl>
        {item.files.length > 0 && (
          <ul className="evidence-files" aria-label="Files">
            {item.files.map((file) => (
              <EvidenceFileView
                key={`${file.sha256}-${file.role}`}
                file={file}
                quote={item.kind === 'quote' ? item.quote : undefined}
              />
            ))}
          </ul>
        )}
      </section>

      <section className="evidence-details__section" aria-labelledby={`${item.id}-annotation`}>
        <h3 id={`${item.id}-annotation`}>Annotation</h3>
        {deleted && <p className="field__help">Restore this item to edit it.</p>}
        <EvidenceTextField
          label="Title"
          value={item.title}
          maxLength={500}
          disabled={deleted}
          write={(title) => edit({ title })}
        />
        <EvidenceTextField
          label="Description"
          value={item.description}
          multiline
          maxLength={20000}
          disabled={deleted}
          write={(description) => edit({ description })}
        />
        <GradingFields item={item} disabled={deleted} edit={edit} />
        <TagEditor tags={item.tags} disabled={deleted} write={(tags) => edit({ tags })} />
        {/* Links are written as they are ticked; a deleted item's are shown but not editable. */}
        <fieldset className="evidence-details__links" disabled={deleted}>
          <legend className="visually-hidden">Links</legend>
          <LinkChecklist
            legend="Claims"
            options={links.claims}
            selected={item.claimIds}
            doing="Linking the claim"
            empty="This case has no claims yet."
            onSave={(claimIds) => save({ claimIds })}
          />
          <LinkChecklist
            legend="Actors"
            options={links.actors}
            selected={item.actorIds}
            doing="Linking the actor"
            empty="This case has no actors yet."
            onSave={(actorIds) => save({ actorIds })}
          />
          <LinkChecklist
            legend="Events"
            options={links.events}
            selected={item.eventIds}
            doing="Linking the event"
            empty="This case has no timeline events yet."
            onSave={(eventIds) => save({ eventIds })}
          />
        </fieldset>
      </section>

      {!deleted && <DeleteEvidence doc={doc} item={item} onDeleted={onDeleted} />}
    </ModalDialog>
  );
}

function GradingFields({
  item,
  disabled,
  edit,
}: {
  item: Evidence;
  disabled: boolean;
  edit: (patch: EvidencePatch) => string | null;
}) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="grading-fields">
      <div className="field">
        <label className="field__label" htmlFor={`${id}-reliability`}>
          Source reliability
        </label>
        <select
          id={`${id}-reliability`}
          value={item.reliability ?? ''}
          disabled={disabled}
          onChange={(event) => setError(edit({ reliability: parseReliability(event.currentTarget.value) }))}
        >
          <option value="">Not graded</option>
          {RELIABILITY_GRADES.map((grade) => (
            <option key={grade} value={grade}>
              {reliabilityOptionText(grade)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-credibility`}>
          Information credibility
        </label>
        <select
          id={`${id}-credibility`}
          value={item.credibility === null ? '' : String(item.credibility)}
          disabled={disabled}
          onChange={(event) => setError(edit({ credibility: parseCredibility(event.currentTarget.value) }))}
        >
          <option value="">Not graded</option>
          {CREDIBILITY_GRADES.map((grade) => (
            <option key={grade} value={grade}>
              {credibilityOptionText(grade)}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="field-error grading-fields__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function DeleteEvidence({ doc, item, onDeleted }: { doc: Y.Doc; item: Evidence; onDeleted: (item: Evidence) => void }) {
  const investigator = useInvestigator();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (!asking) {
    return (
      <section className="evidence-details__section evidence-details__danger">
        <button type="button" className="button button--danger" onClick={() => setAsking(true)}>
          Delete evidence…
        </button>
        <p className="field__help">
          Deleting leaves a tombstone with who, when and why; the item can be restored and its files are kept.
        </p>
      </section>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setError('Say why this evidence is deleted (e.g. a duplicate, the wrong case): the reason is kept with it.');
      return;
    }
    try {
      deleteEvidence(doc, item.id, reason, { by: investigator });
      onDeleted(item);
    } catch (failure) {
      setError(describeError(failure, 'Deleting the evidence'));
    }
  };

  return (
    <form className="evidence-details__section evidence-details__danger" onSubmit={submit} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-reason`}>
          Reason for deleting
        </label>
        <textarea
          id={`${id}-reason`}
          rows={2}
          required
          maxLength={1000}
          value={reason}
          // biome-ignore lint/a11y/noAutofocus: the reason is what the person came here to type
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setError(null);
          }}
        />
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="add-evidence__actions">
        <button type="submit" className="button button--danger">
          Delete
        </button>
        <button type="button" className="button" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RestoreBar({ doc, item }: { doc: Y.Doc; item: Evidence }) {
  const investigator = useInvestigator();
  const [error, setError] = useState<string | null>(null);
  if (!item.deleted) return null;
  return (
    <div className="notice notice--deleted">
      <p>
        Deleted by {item.deleted.by.name} at <time dateTime={item.deleted.at}>{formatUtcTime(item.deleted.at)}</time>: “
        {item.deleted.reason}”
      </p>
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          try {
            restoreEvidence(doc, item.id, { by: investigator });
            setError(null);
          } catch (failure) {
            setError(describeError(failure, 'Restoring the evidence'));
          }
        }}
      >
        Restore
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

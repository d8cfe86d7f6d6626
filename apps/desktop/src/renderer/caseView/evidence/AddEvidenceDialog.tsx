import { type FormEvent, useId, useState } from 'react';
import { checkCaptureUrl } from '../../../shared/bridge';
import { useCasefile } from '../../app/CasefileContext';
import { describeError } from '../../app/describeError';
import { ModalDialog } from './ModalDialog';
import type { EvidenceCapturing } from './useEvidenceCapture';
import { checkWebAddress } from './webAddress';
import { WEB_CAPTURE_NEEDS_DESKTOP } from './webCapture';

type AddKind = 'link' | 'quote' | 'file' | 'webCapture';

const ADD_KINDS: ReadonlyArray<{ kind: AddKind; label: string }> = [
  { kind: 'link', label: 'Link' },
  { kind: 'quote', label: 'Quote' },
  { kind: 'file', label: 'File or screenshot' },
  { kind: 'webCapture', label: 'Web capture' },
];

interface Props {
  capture: EvidenceCapturing;
  /** Opens the Add file picker (the one file input of the section). */
  onPickFiles: () => void;
  onAdded: (id: string | null) => void;
  onClose: () => void;
}

/** "Add evidence": a link, a quote or a web capture typed here; files through the picker, a drop or a paste. */
export function AddEvidenceDialog({ capture, onPickFiles, onAdded, onClose }: Props) {
  const [kind, setKind] = useState<AddKind>('link');
  const name = useId();
  return (
    <ModalDialog title="Add evidence" onClose={onClose} className="add-evidence">
      <fieldset className="add-evidence__kinds">
        <legend>What are you adding?</legend>
        {ADD_KINDS.map((option) => (
          <label key={option.kind} className="add-evidence__kind">
            <input
              type="radio"
              name={name}
              value={option.kind}
              checked={kind === option.kind}
              onChange={() => setKind(option.kind)}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
      {kind === 'link' && <LinkForm capture={capture} onAdded={onAdded} onCancel={onClose} />}
      {kind === 'quote' && <QuoteForm capture={capture} onAdded={onAdded} onCancel={onClose} />}
      {kind === 'file' && <FileHelp onPickFiles={onPickFiles} onCancel={onClose} />}
      {kind === 'webCapture' && <WebCaptureForm capture={capture} onAdded={onAdded} onCancel={onClose} />}
    </ModalDialog>
  );
}

interface FormProps {
  capture: EvidenceCapturing;
  onAdded: (id: string | null) => void;
  onCancel: () => void;
}

function FormActions({ submit, busy, onCancel }: { submit: string; busy?: boolean; onCancel: () => void }) {
  return (
    <div className="add-evidence__actions">
      <button type="submit" className="button button--primary" disabled={busy}>
        {submit}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

function FieldError({ id, error }: { id: string; error: string | null }) {
  if (!error) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {error}
    </p>
  );
}

function LinkForm({ capture, onAdded, onCancel }: FormProps) {
  const id = useId();
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkWebAddress(url);
    if (!checked.ok) {
      setUrlError(checked.error);
      return;
    }
    try {
      onAdded(capture.addLink({ url: checked.url, title, description }));
    } catch (failure) {
      setError(describeError(failure, 'Adding the link'));
    }
  };

  return (
    <form className="add-evidence__form" onSubmit={submit} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-url`}>
          URL
        </label>
        <input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          autoComplete="off"
          required
          value={url}
          placeholder="https://example.org/article"
          aria-invalid={urlError ? true : undefined}
          aria-describedby={urlError ? `${id}-url-error` : undefined}
          onChange={(event) => {
            setUrl(event.currentTarget.value);
            setUrlError(null);
          }}
        />
        <FieldError id={`${id}-url-error`} error={urlError} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-title`}>
          Title
        </label>
        <input
          id={`${id}-title`}
          type="text"
          autoComplete="off"
          maxLength={500}
          value={title}
          placeholder="The page’s headline (the address if left empty)"
          onChange={(event) => setTitle(event.currentTarget.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-description`}>
          Description
        </label>
        <textarea
          id={`${id}-description`}
          rows={3}
          maxLength={20000}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
        />
      </div>
      <FieldError id={`${id}-error`} error={error} />
      <FormActions submit="Add link" onCancel={onCancel} />
    </form>
  );
}

function QuoteForm({ capture, onAdded, onCancel }: FormProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const [sourceUrl, setSourceUrl] = useState('');
  const [description, setDescription] = useState('');
  const [textError, setTextError] = useState<string | null>(null);
  const [sourceError, setSourceError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') {
      setTextError('Type the quote: the words as they were said or written.');
      return;
    }
    let source = '';
    if (sourceUrl.trim() !== '') {
      const checked = checkWebAddress(sourceUrl);
      if (!checked.ok) {
        setSourceError(checked.error);
        return;
      }
      source = checked.url;
    }
    setBusy(true);
    try {
      onAdded(await capture.addQuote({ text, title, sourceUrl: source, description }));
    } catch (failure) {
      setError(describeError(failure, 'Adding the quote'));
      setBusy(false);
    }
  };

  return (
    <form className="add-evidence__form" onSubmit={submit} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-text`}>
          Quote text
        </label>
        <textarea
          id={`${id}-text`}
          rows={5}
          maxLength={100000}
          required
          value={text}
          aria-invalid={textError ? true : undefined}
          aria-describedby={`${id}-text-help${textError ? ` ${id}-text-error` : ''}`}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setTextError(null);
          }}
        />
        <p id={`${id}-text-help`} className="field__help">
          Exactly as said or written: its bytes are hashed and kept like a file.
        </p>
        <FieldError id={`${id}-text-error`} error={textError} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-title`}>
          Title
        </label>
        <input
          id={`${id}-title`}
          type="text"
          autoComplete="off"
          maxLength={500}
          value={title}
          placeholder="Who said it, and where"
          onChange={(event) => setTitle(event.currentTarget.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-source`}>
          Source URL (optional)
        </label>
        <input
          id={`${id}-source`}
          type="url"
          inputMode="url"
          autoComplete="off"
          value={sourceUrl}
          aria-invalid={sourceError ? true : undefined}
          aria-describedby={sourceError ? `${id}-source-error` : undefined}
          onChange={(event) => {
            setSourceUrl(event.currentTarget.value);
            setSourceError(null);
          }}
        />
        <FieldError id={`${id}-source-error`} error={sourceError} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-description`}>
          Description
        </label>
        <textarea
          id={`${id}-description`}
          rows={3}
          maxLength={20000}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
        />
      </div>
      <FieldError id={`${id}-error`} error={error} />
      <FormActions submit="Add quote" busy={busy} onCancel={onCancel} />
    </form>
  );
}

function FileHelp({ onPickFiles, onCancel }: { onPickFiles: () => void; onCancel: () => void }) {
  return (
    <div className="add-evidence__form">
      <p>
        Pick one or more files of any kind, or drop them onto the Evidence section. To add a screenshot, copy it and
        paste it (Ctrl+V or ⌘V) on the Evidence section, or drop the image there.
      </p>
      <p className="field__help">
        Each file’s SHA-256 is taken from its bytes on this device before it is recorded; the bytes are kept here and
        sent to the team’s sync server.
      </p>
      <div className="add-evidence__actions">
        <button type="button" className="button button--primary" onClick={onPickFiles}>
          Choose files…
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function WebCaptureForm({ capture, onAdded, onCancel }: FormProps) {
  const { platform } = useCasefile();
  const id = useId();
  const [url, setUrl] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [desktopOnly, setDesktopOnly] = useState(platform === 'web');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The capture window's own rule (shared with main), so that a refusal is explained here first.
    const checked = checkCaptureUrl(url);
    if (!checked.ok) {
      setUrlError(checked.problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onAdded(await capture.addWebCapture(checked.url));
    } catch (failure) {
      if (failure instanceof Error && failure.name === 'DesktopOnlyError') setDesktopOnly(true);
      else setError(describeError(failure, 'Capturing the page'));
      setBusy(false);
    }
  };

  return (
    <form className="add-evidence__form" onSubmit={submit} noValidate>
      {desktopOnly && (
        <p className="notice notice--info" role="status">
          <strong>{WEB_CAPTURE_NEEDS_DESKTOP}.</strong> It opens the page in a hidden, sandboxed window and keeps a
          full-page screenshot and an MHTML copy. In the browser, save the page yourself and add the file, or add the
          address as a link.
        </p>
      )}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-url`}>
          URL
        </label>
        <input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          autoComplete="off"
          required
          value={url}
          disabled={desktopOnly}
          placeholder="https://example.org/article"
          aria-invalid={urlError ? true : undefined}
          aria-describedby={urlError ? `${id}-url-error` : undefined}
          onChange={(event) => {
            setUrl(event.currentTarget.value);
            setUrlError(null);
          }}
        />
        <FieldError id={`${id}-url-error`} error={urlError} />
      </div>
      <FieldError id={`${id}-error`} error={error} />
      {busy && (
        <p className="field__help" role="status">
          Capturing the page; this can take up to a minute…
        </p>
      )}
      <FormActions submit="Capture page" busy={busy || desktopOnly} onCancel={onCancel} />
    </form>
  );
}

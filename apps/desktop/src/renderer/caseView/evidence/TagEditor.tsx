import { type KeyboardEvent, useId, useState } from 'react';
import { mergeTags, splitTags } from './tagInput';

interface Props {
  tags: readonly string[];
  /** Stores the whole new list; returns an error to show, or null. */
  write: (tags: string[]) => string | null;
  disabled?: boolean;
}

/** Tags as chips: type and press Enter or a comma to add; each chip has its own remove button. */
export function TagEditor({ tags, write, disabled }: Props) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);

  const commit = (text: string): boolean => {
    const added = splitTags(text);
    if (added.length === 0) return true;
    const problem = write(mergeTags(tags, added));
    setError(problem);
    return problem === null;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      if (commit(draft)) setDraft('');
    } else if (event.key === 'Backspace' && draft === '' && tags.length > 0) {
      setError(write(tags.slice(0, -1)));
    }
  };

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Tags
      </label>
      <div className="tag-editor">
        {tags.length > 0 && (
          <ul className="tag-editor__chips" aria-label="Tags">
            {tags.map((tag) => (
              <li key={tag} className="tag-chip">
                {tag}
                <button
                  type="button"
                  className="tag-chip__remove"
                  aria-label={`Remove tag ${tag}`}
                  disabled={disabled}
                  onClick={() => setError(write(tags.filter((each) => each !== tag)))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={id}
          type="text"
          className="tag-editor__input"
          autoComplete="off"
          value={draft}
          disabled={disabled}
          placeholder={tags.length === 0 ? 'Type a tag, then Enter or comma' : 'Add a tag'}
          aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            const value = event.currentTarget.value;
            // A pasted "a, b, c" becomes three tags at once; what follows the last comma stays typed.
            if (value.includes(',')) {
              const last = value.lastIndexOf(',');
              if (commit(value.slice(0, last))) setDraft(value.slice(last + 1).trimStart());
              else setDraft(value);
            } else {
              setDraft(value);
            }
          }}
          onBlur={() => {
            if (draft.trim() !== '' && commit(draft)) setDraft('');
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <p id={`${id}-help`} className="field__help">
        Enter or a comma adds a tag.
      </p>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

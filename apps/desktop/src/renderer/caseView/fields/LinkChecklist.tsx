import { type ReactNode, useId, useState } from 'react';
import { describeError } from '../../app/describeError';

export interface LinkOption {
  id: string;
  label: string;
}

/**
 * Links from one item to items of another part of the case (an actor's claims, an event's
 * evidence) as a list of checkboxes; each tick or untick is written at once.
 */
export function LinkChecklist({
  legend,
  options,
  selected,
  onSave,
  doing,
  empty,
}: {
  legend: string;
  options: readonly LinkOption[];
  selected: readonly string[];
  onSave: (ids: string[]) => void;
  doing: string;
  /** Shown when there is nothing to link to yet (where to add it). */
  empty: ReactNode;
}) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const chosen = new Set(selected);

  const toggle = (option: string, on: boolean) => {
    const next = on
      ? [...selected.filter((other) => other !== option), option]
      : selected.filter((other) => other !== option);
    try {
      onSave(next);
      setError(null);
    } catch (failure) {
      setError(describeError(failure, doing));
    }
  };

  return (
    <fieldset className="link-checklist" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="field__label">{legend}</legend>
      {options.length === 0 ? (
        <p className="field__help">{empty}</p>
      ) : (
        <ul className="link-checklist__list">
          {options.map((option) => (
            <li key={option.id}>
              <label className="link-checklist__option">
                <input
                  type="checkbox"
                  checked={chosen.has(option.id)}
                  onChange={(event) => toggle(option.id, event.currentTarget.checked)}
                />
                <span>{option.label}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import { carryCaret } from '../caretPosition';

type TextElement = HTMLInputElement | HTMLTextAreaElement;

interface Props {
  label: string;
  value: string;
  /** Writes the text to the case; returns an error to show, or null. */
  write: (value: string) => string | null;
  multiline?: boolean;
  maxLength: number;
  disabled?: boolean;
  placeholder?: string;
}

/**
 * A text field of an evidence item, bound both ways: each keystroke goes into the document; a
 * collaborator's change arrives as a new `value` and is written into the field only when it
 * differs, carrying the caret past their edit (as the case's own fields do).
 */
export function EvidenceTextField({ label, value, write, multiline, maxLength, disabled, placeholder }: Props) {
  const id = useId();
  const ref = useRef<TextElement | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element || element.value === value) return;
    const before = element.value;
    const focused = document.activeElement === element;
    const { selectionStart, selectionEnd } = element;
    element.value = value;
    if (focused && selectionStart !== null && selectionEnd !== null) {
      element.setSelectionRange(carryCaret(before, value, selectionStart), carryCaret(before, value, selectionEnd));
    }
  }, [value]);

  const onChange = (event: ChangeEvent<TextElement>) => {
    setError(write(event.currentTarget.value));
  };

  const common = {
    id,
    defaultValue: value,
    maxLength,
    disabled,
    placeholder,
    onChange,
    spellCheck: true,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  } as const;

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {multiline ? (
        <textarea
          ref={(element) => {
            ref.current = element;
          }}
          rows={4}
          {...common}
        />
      ) : (
        <input
          ref={(element) => {
            ref.current = element;
          }}
          type="text"
          autoComplete="off"
          {...common}
        />
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

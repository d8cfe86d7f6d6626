import { type CaseMeta, observeMeta, readMeta } from '@casefile/model';
import { type ChangeEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { describeError } from '../app/describeError';
import { carryCaret } from './caretPosition';

type TextElement = HTMLInputElement | HTMLTextAreaElement;

interface Props {
  doc: Y.Doc;
  field: 'title' | 'summary';
  label: string;
  write: (doc: Y.Doc, value: string) => void;
  multiline?: boolean;
  maxLength: number;
  placeholder?: string;
  autoFocus?: boolean;
  className?: string;
}

/**
 * A plain-text field of the case's meta, bound both ways: each keystroke goes into the document;
 * a collaborator's change comes back through observeMeta and is written into the field only when
 * it differs, carrying the caret past their edit so that typing here is never disturbed.
 */
export function CaseMetaTextField({
  doc,
  field,
  label,
  write,
  multiline,
  maxLength,
  placeholder,
  autoFocus,
  className,
}: Props) {
  const id = useId();
  const ref = useRef<TextElement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const setElement = useCallback((element: TextElement | null) => {
    ref.current = element;
  }, []);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const show = (meta: CaseMeta) => {
      const next = meta[field];
      const before = element.value;
      if (before === next) return;
      const focused = document.activeElement === element;
      const { selectionStart, selectionEnd } = element;
      element.value = next;
      if (focused && selectionStart !== null && selectionEnd !== null) {
        element.setSelectionRange(carryCaret(before, next, selectionStart), carryCaret(before, next, selectionEnd));
      }
    };
    show(readMeta(doc));
    return observeMeta(doc, show);
  }, [doc, field]);

  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);

  const onChange = (event: ChangeEvent<TextElement>) => {
    try {
      write(doc, event.currentTarget.value);
      setError(null);
    } catch (failure) {
      setError(describeError(failure, `Saving the ${label.toLowerCase()}`));
    }
  };

  const errorId = `${id}-error`;
  const common = {
    id,
    className,
    maxLength,
    placeholder,
    onChange,
    spellCheck: true,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
  } as const;

  return (
    <div className={`field field--${field}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {multiline ? (
        <textarea ref={setElement} rows={4} {...common} />
      ) : (
        <input ref={setElement} type="text" autoComplete="off" {...common} />
      )}
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

import {
  type ChangeEvent,
  type ReactNode,
  type Ref,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { describeError } from '../../app/describeError';
import { carryCaret } from '../caretPosition';

type TextElement = HTMLInputElement | HTMLTextAreaElement;

export interface TextFieldProps {
  label: string;
  /** What the case document holds now. */
  value: string;
  /** Writes a keystroke's text to the case; throws the model's ValidationError to refuse it. */
  onSave: (value: string) => void;
  /** What failed, for errors that are not the model's own sentences ("Saving the claim"). */
  doing: string;
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'url';
  maxLength?: number;
  placeholder?: string;
  help?: ReactNode;
  /**
   * Show a refusal only once the person leaves the field: an address is invalid at every
   * keystroke until it is complete, and saying so while it is being typed only distracts.
   */
  errorsOnBlur?: boolean;
  /** Focus the field (caret at the end) when this becomes true or changes to another truthy value. */
  autoFocus?: boolean | number;
  className?: string;
  inputClassName?: string;
  inputRef?: Ref<TextElement>;
}

/**
 * A plain-text field bound to the case document both ways. Each keystroke is written (the model
 * folds a burst of typing into one log entry); a collaborator's change comes back as `value` and is
 * put into the field only when it differs, carrying the caret past their edit so that typing here
 * is never disturbed. Text the model refused stays in the field, with its message beside it,
 * until it is fixed; the case keeps the last accepted value.
 */
export function TextField({
  label,
  value,
  onSave,
  doing,
  multiline,
  rows = 3,
  type = 'text',
  maxLength,
  placeholder,
  help,
  errorsOnBlur,
  autoFocus,
  className,
  inputClassName,
  inputRef,
}: TextFieldProps) {
  const id = useId();
  const element = useRef<TextElement | null>(null);
  const refused = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const [showError, setShowError] = useState(false);

  const setElement = useCallback(
    (node: TextElement | null) => {
      element.current = node;
      if (typeof inputRef === 'function') inputRef(node);
      else if (inputRef) (inputRef as { current: TextElement | null }).current = node;
    },
    [inputRef],
  );

  useEffect(() => {
    const field = element.current;
    if (!field || refused.current) return;
    const before = field.value;
    if (before === value) return;
    const focused = document.activeElement === field;
    const { selectionStart, selectionEnd } = field;
    field.value = value;
    if (focused && selectionStart !== null && selectionEnd !== null) {
      field.setSelectionRange(carryCaret(before, value, selectionStart), carryCaret(before, value, selectionEnd));
    }
  }, [value]);

  // Before the browser paints, so that the next keystroke already lands here (a new item's card
  // takes over from the draft between two keystrokes).
  useLayoutEffect(() => {
    const field = element.current;
    if (!autoFocus || !field) return;
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  }, [autoFocus]);

  const onChange = (event: ChangeEvent<TextElement>) => {
    try {
      onSave(event.currentTarget.value);
      refused.current = false;
      setError(null);
      setShowError(false);
    } catch (failure) {
      refused.current = true;
      setError(describeError(failure, doing));
      if (!errorsOnBlur) setShowError(true);
    }
  };

  const onBlur = () => {
    if (error) setShowError(true);
  };

  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const visibleError = showError ? error : null;
  const describedBy = [help ? helpId : null, visibleError ? errorId : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    className: inputClassName,
    maxLength,
    placeholder,
    defaultValue: value,
    onChange,
    onBlur,
    spellCheck: type === 'text',
    'aria-invalid': visibleError ? true : undefined,
    'aria-describedby': describedBy,
  } as const;

  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {multiline ? (
        <textarea ref={setElement} rows={rows} {...common} />
      ) : (
        <input
          ref={setElement}
          type={type}
          inputMode={type === 'url' ? 'url' : undefined}
          autoComplete="off"
          {...common}
        />
      )}
      {help && (
        <p id={helpId} className="field__help">
          {help}
        </p>
      )}
      {visibleError && (
        <p id={errorId} className="field-error" role="alert">
          {visibleError}
        </p>
      )}
    </div>
  );
}

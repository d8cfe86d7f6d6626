import { type ReactNode, useId, useState } from 'react';
import { describeError } from '../../app/describeError';

export interface SelectOption {
  value: string;
  label: string;
}

/** A choice bound to the case document: choosing writes it, a collaborator's choice shows here. */
export function SelectField({
  label,
  value,
  options,
  onSave,
  doing,
  help,
  className,
}: {
  label: string;
  value: string;
  options: readonly SelectOption[];
  onSave: (value: string) => void;
  doing: string;
  help?: ReactNode;
  className?: string;
}) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        value={value}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          try {
            onSave(event.currentTarget.value);
            setError(null);
          } catch (failure) {
            setError(describeError(failure, doing));
          }
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {help && (
        <p id={helpId} className="field__help">
          {help}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

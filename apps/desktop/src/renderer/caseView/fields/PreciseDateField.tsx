import { DATE_PRECISIONS, type DatePrecision, type PreciseDate } from '@casefile/model';
import { useEffect, useId, useRef, useState } from 'react';
import { describeError } from '../../app/describeError';
import { changePrecision, dateInputType, fromDateInputValue, toDateInputValue } from './preciseDateInput';

/** The precision select reads on from the date: "October 2022, known to the month". */
const PRECISION_LABELS: Record<DatePrecision, string> = {
  year: 'to the year',
  month: 'to the month',
  day: 'to the day',
  minute: 'to the minute (UTC)',
};

/**
 * A date known only as exactly as the sources allow: a precision select (year, month, day, minute)
 * and the browser's picker for it. Changing the precision of a date keeps what it still says.
 * With `required`, emptying the field is refused with `requiredMessage`; otherwise it clears the date.
 */
export function PreciseDateField({
  label,
  value,
  onSave,
  doing,
  required,
  requiredMessage = 'Give a date, as exactly as the sources allow.',
  autoFocus,
  className,
}: {
  label: string;
  value: PreciseDate | null;
  onSave: (value: PreciseDate | null) => void;
  doing: string;
  required?: boolean;
  requiredMessage?: string;
  autoFocus?: boolean | number;
  className?: string;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [precision, setPrecision] = useState<DatePrecision>(value?.precision ?? 'day');
  const [draft, setDraft] = useState(() => toDateInputValue(value));
  const [error, setError] = useState<string | null>(null);
  const refused = useRef(false);

  // A collaborator's date (or this person's, saved) shows here unless what is typed was refused.
  const storedValue = value?.value ?? null;
  const storedPrecision = value?.precision ?? null;
  useEffect(() => {
    if (refused.current) return;
    if (storedValue === null || storedPrecision === null) {
      setDraft('');
      return;
    }
    setPrecision(storedPrecision);
    setDraft(toDateInputValue({ value: storedValue, precision: storedPrecision }));
  }, [storedValue, storedPrecision]);

  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);

  const save = (next: PreciseDate | null): boolean => {
    try {
      if (next === null && required) throw new RequiredDateError(requiredMessage);
      onSave(next);
      refused.current = false;
      setError(null);
      return true;
    } catch (failure) {
      refused.current = true;
      setError(failure instanceof RequiredDateError ? failure.message : describeError(failure, doing));
      return false;
    }
  };

  const onDateChange = (raw: string) => {
    setDraft(raw);
    // A year is typed digit by digit; it is a date once it has four.
    if (precision === 'year' && raw !== '' && raw.length < 4) return;
    save(fromDateInputValue(raw, precision));
  };

  const onPrecisionChange = (next: DatePrecision) => {
    setPrecision(next);
    const current = fromDateInputValue(draft, precision);
    if (current === null) return;
    const converted = changePrecision(current, next);
    setDraft(toDateInputValue(converted));
    save(converted);
  };

  const onBlur = () => {
    if (precision === 'year' && draft !== '' && draft.length < 4) save(fromDateInputValue(draft, precision));
  };

  const inputType = dateInputType(precision);
  const errorId = `${id}-error`;
  return (
    <div className={`field precise-date${className ? ` ${className}` : ''}`}>
      <label className="field__label" htmlFor={`${id}-date`}>
        {label}
      </label>
      <div className="precise-date__row">
        <input
          ref={input}
          id={`${id}-date`}
          className="precise-date__input"
          type={inputType}
          value={draft}
          min={inputType === 'number' ? 1 : undefined}
          max={inputType === 'number' ? 9999 : undefined}
          placeholder={inputType === 'number' ? 'YYYY' : undefined}
          onChange={(event) => onDateChange(event.currentTarget.value)}
          onBlur={onBlur}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        <label className="precise-date__precision">
          <span className="visually-hidden">{label} precision</span>
          <select value={precision} onChange={(event) => onPrecisionChange(event.currentTarget.value as DatePrecision)}>
            {DATE_PRECISIONS.map((option) => (
              <option key={option} value={option}>
                {PRECISION_LABELS[option]}
              </option>
            ))}
          </select>
        </label>
        {!required && draft !== '' && (
          <button
            type="button"
            className="precise-date__clear"
            aria-label={`Clear ${label.toLowerCase()}`}
            title={`Clear ${label.toLowerCase()}`}
            onClick={() => {
              setDraft('');
              save(null);
            }}
          >
            ×
          </button>
        )}
      </div>
      {precision === 'minute' && <p className="field__help">Times are in UTC.</p>}
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

class RequiredDateError extends Error {}

import type { CaseMeta, Change } from '@casefile/model';
import type * as Y from 'yjs';
import { useInvestigator } from '../settings/useInvestigator';
import { TextField } from './fields/TextField';

interface Props {
  doc: Y.Doc;
  meta: CaseMeta;
  field: 'title' | 'summary';
  label: string;
  write: (doc: Y.Doc, value: string, change: Change) => void;
  multiline?: boolean;
  maxLength: number;
  placeholder?: string;
  autoFocus?: boolean;
  className?: string;
}

/** The case's title or summary, bound both ways (see TextField), each write signed by this investigator. */
export function CaseMetaTextField({
  doc,
  meta,
  field,
  label,
  write,
  multiline,
  maxLength,
  placeholder,
  autoFocus,
  className,
}: Props) {
  const investigator = useInvestigator();
  return (
    <TextField
      label={label}
      value={meta[field]}
      onSave={(value) => write(doc, value, { by: investigator })}
      doing={`Saving the ${label.toLowerCase()}`}
      multiline={multiline}
      rows={4}
      maxLength={maxLength}
      placeholder={placeholder}
      autoFocus={autoFocus}
      className={`field--${field}`}
      inputClassName={className}
    />
  );
}

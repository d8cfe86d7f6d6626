import { useEffect, useRef, useState } from 'react';

/**
 * "Delete claim", then a second, explicit "Delete" beside "Keep it": one stray click never deletes.
 * The keyboard focus goes to "Keep it", the safe answer.
 */
export function ConfirmDelete({
  noun,
  name,
  onDelete,
}: {
  /** "claim", "actor", "event". */
  noun: string;
  /** What the item is called, so the question says which one. */
  name: string;
  onDelete: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) keep.current?.focus();
    else if (wasAsking.current) ask.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={ask}
        type="button"
        className="button button--small button--quiet-danger"
        onClick={() => setAsking(true)}
      >
        Delete {noun}
      </button>
    );
  }
  return (
    <fieldset className="confirm-delete">
      <legend className="confirm-delete__question">
        Delete {noun} {name.trim() ? `“${shorten(name)}”` : ''}?
      </legend>
      <button type="button" className="button button--small button--danger" onClick={onDelete}>
        Delete
      </button>
      <button ref={keep} type="button" className="button button--small" onClick={() => setAsking(false)}>
        Keep it
      </button>
    </fieldset>
  );
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= 60 ? flat : `${flat.slice(0, 59)}…`;
}

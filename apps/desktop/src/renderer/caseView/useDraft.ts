import { useCallback, useState } from 'react';

/**
 * A new item that is not in the case yet: "Add claim" shows an empty card whose required fields
 * are typed first; the item is written to the case as soon as they are valid (the model refuses
 * a claim without text), and the focus then moves to the same field of the new item's card.
 */
export interface Draft<Field extends string> {
  open: boolean;
  /** Bumped by each "Add" press, so pressing it again re-focuses the open draft. */
  focusToken: number;
  /** The item just created from the draft, and the field to focus in its card. */
  created: { id: string; field: Field } | null;
  start(): void;
  cancel(): void;
  finish(id: string, field: Field): void;
  /** The new card has taken the focus. */
  settle(): void;
}

export function useDraft<Field extends string>(): Draft<Field> {
  const [open, setOpen] = useState(false);
  const [focusToken, setFocusToken] = useState(0);
  const [created, setCreated] = useState<{ id: string; field: Field } | null>(null);
  const start = useCallback(() => {
    setOpen(true);
    setFocusToken((token) => token + 1);
  }, []);
  const cancel = useCallback(() => setOpen(false), []);
  const finish = useCallback((id: string, field: Field) => {
    setOpen(false);
    setCreated({ id, field });
  }, []);
  const settle = useCallback(() => setCreated(null), []);
  return { open, focusToken, created, start, cancel, finish, settle };
}

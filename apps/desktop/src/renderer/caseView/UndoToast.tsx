import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { describeError } from '../app/describeError';

interface Toast {
  key: number;
  message: string;
  undo: (() => void) | null;
  undoDoing: string;
}

interface UndoToastValue {
  /** Says what just happened ("Claim deleted") with an Undo button that runs `undo`. */
  showUndo(message: string, undo: () => void, doing: string): void;
  /** Says something without an action (a deletion that failed). */
  showMessage(message: string): void;
}

const UndoToastContext = createContext<UndoToastValue | null>(null);

export function useUndoToast(): UndoToastValue {
  const value = useContext(UndoToastContext);
  if (!value) throw new Error('useUndoToast is used outside <UndoToastProvider>.');
  return value;
}

const VISIBLE_MS = 15_000;

/**
 * One toast at a time at the bottom of the case view. It is a live region (role=status) that
 * exists before anything is put in it, so screen readers announce each message; it stays while
 * the pointer or the keyboard focus is on it, and the focus moves to Undo so that a keyboard user
 * can take a deletion back at once.
 */
export function UndoToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<Toast | null>(null);
  const counter = useRef(0);
  const undoButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const focusClose = useRef(false);
  const region = useRef<HTMLDivElement>(null);
  const [held, setHeld] = useState(false);

  const showUndo = useCallback((message: string, undo: () => void, undoDoing: string) => {
    counter.current += 1;
    setToast({ key: counter.current, message, undo, undoDoing });
  }, []);

  useEffect(() => {
    if (toast?.undo) undoButton.current?.focus();
    else if (toast && focusClose.current) closeButton.current?.focus();
    focusClose.current = false;
  }, [toast]);

  useEffect(() => {
    if (!toast || held) return;
    const timer = window.setTimeout(() => setToast(null), VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [toast, held]);

  const undo = () => {
    if (!toast?.undo) return;
    const message = toast.message.replace(/ deleted$/, '');
    // Undo disappears with the message it belonged to; the focus stays in the toast.
    focusClose.current = true;
    try {
      toast.undo();
      counter.current += 1;
      setToast({ key: counter.current, message: `${message} restored`, undo: null, undoDoing: '' });
    } catch (failure) {
      counter.current += 1;
      setToast({ key: counter.current, message: describeError(failure, toast.undoDoing), undo: null, undoDoing: '' });
    }
  };

  const showMessage = useCallback((message: string) => {
    counter.current += 1;
    setToast({ key: counter.current, message, undo: null, undoDoing: '' });
  }, []);

  const value = useMemo(() => ({ showUndo, showMessage }), [showUndo, showMessage]);

  return (
    <UndoToastContext.Provider value={value}>
      {children}
      <div
        ref={region}
        className={`toast${toast ? ' toast--shown' : ''}`}
        role="status"
        onMouseEnter={() => setHeld(true)}
        onMouseLeave={() => setHeld(false)}
        onFocus={() => setHeld(true)}
        onBlur={(event) => {
          if (!region.current?.contains(event.relatedTarget as Node | null)) setHeld(false);
        }}
      >
        {toast && (
          <div key={toast.key} className="toast__body">
            <span>
              {toast.message}
              {toast.undo && ' — '}
            </span>
            {toast.undo && (
              <button ref={undoButton} type="button" className="button button--small toast__undo" onClick={undo}>
                Undo
              </button>
            )}
            <button
              ref={closeButton}
              type="button"
              className="toast__close"
              aria-label="Dismiss"
              onClick={() => setToast(null)}
            >
              ×
            </button>
          </div>
        )}
      </div>
    </UndoToastContext.Provider>
  );
}

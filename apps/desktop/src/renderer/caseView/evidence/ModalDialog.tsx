import { type ReactNode, type RefObject, useEffect, useId, useRef } from 'react';

interface Props {
  /** The dialog's heading; also its accessible name. */
  title: ReactNode;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}

/**
 * Opens the native <dialog> behind the returned ref as a modal while the component is mounted:
 * `showModal()` makes the rest of the page inert (focus stays inside), Esc or the dialog's own
 * close() calls `onClose`, and on unmount focus returns to what opened it. `onCancel` sees Esc
 * first and may keep the dialog open (`event.preventDefault()`); `onUnmount` runs as it goes.
 */
export function useModalDialog(
  onClose: () => void,
  { onCancel, onUnmount }: { onCancel?: (event: Event) => void; onUnmount?: () => void } = {},
): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  const handlers = useRef({ onClose, onCancel, onUnmount });
  handlers.current = { onClose, onCancel, onUnmount };

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const onCancelEvent = (event: Event) => handlers.current.onCancel?.(event);
    const onCloseEvent = () => handlers.current.onClose();
    dialog.addEventListener('cancel', onCancelEvent);
    dialog.addEventListener('close', onCloseEvent);
    return () => {
      dialog.removeEventListener('cancel', onCancelEvent);
      dialog.removeEventListener('close', onCloseEvent);
      handlers.current.onUnmount?.();
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return ref;
}

/** A modal dialog with a heading and a close button (useModalDialog). Mounted means open. */
export function ModalDialog({ title, onClose, className, children }: Props) {
  const ref = useModalDialog(onClose);
  const titleId = useId();

  return (
    <dialog ref={ref} className={`modal ${className ?? ''}`} aria-labelledby={titleId}>
      <div className="modal__header">
        <h2 id={titleId} className="modal__title">
          {title}
        </h2>
        <button type="button" className="modal__close" aria-label="Close" onClick={() => ref.current?.close()}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="modal__body">{children}</div>
    </dialog>
  );
}

import { type ReactNode, useEffect, useId, useRef } from 'react';

interface Props {
  /** The dialog's heading; also its accessible name. */
  title: ReactNode;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}

/**
 * A modal made with the native <dialog>: `showModal()` makes the rest of the page inert (focus
 * stays inside), Esc closes it, and focus returns to what opened it. Mounted means open.
 */
export function ModalDialog({ title, onClose, className, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const onCloseEvent = () => close.current();
    dialog.addEventListener('close', onCloseEvent);
    return () => {
      dialog.removeEventListener('close', onCloseEvent);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

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

import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { ExportDialog } from './ExportDialog';
import { loadExportCode } from './exportCode';
import { isExportShortcut } from './exportShortcut';

/** "Export…" in the case header, and the dialog it opens. */
export function ExportButton({ caseId, doc }: { caseId: string; doc: Y.Doc }) {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    // Failing here is harmless: the dialog tries again and says so if it still cannot.
    loadExportCode().catch(() => {});
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !isExportShortcut(event)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <>
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+Shift+E Meta+Shift+E"
        title="Export the case as a dossier (Ctrl+Shift+E)"
        onClick={() => setOpen(true)}
      >
        Export…
      </button>
      {open && <ExportDialog caseId={caseId} doc={doc} onClose={() => setOpen(false)} />}
    </>
  );
}

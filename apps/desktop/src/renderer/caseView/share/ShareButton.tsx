import { useState } from 'react';
import { ShareDialog } from './ShareDialog';

/** "Share…" in the case header, and the dialog it opens (which explains itself to non-owners). */
export function ShareButton({ caseId, caseTitle }: { caseId: string; caseTitle: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        title="Invite a teammate or remove someone’s access"
        onClick={() => setOpen(true)}
      >
        Share…
      </button>
      {open && <ShareDialog caseId={caseId} caseTitle={caseTitle} onClose={() => setOpen(false)} />}
    </>
  );
}

import type { AccessRole } from '@casefile/sync';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useCasefile } from '../../app/CasefileContext';
import { formatDateTime } from '../../caseList/caseDates';
import { ModalDialog } from '../evidence/ModalDialog';
import {
  createInvitation,
  INVITE_EXPIRIES,
  INVITE_ROLES,
  type Invitation,
  type InviteExpiry,
  removeAccess,
  type ShareRequestContext,
  userNameProblem,
} from './shareRequests';

const ROLE_LABELS: Record<AccessRole, string> = {
  editor: 'Editor — can change the case',
  viewer: 'Viewer — can read, not change',
  owner: 'Owner — can also invite and remove people',
};

/**
 * The Share dialog: an owner of the case creates an invitation link (a token for this case, a
 * role and an expiry, made by the sync server) or removes a person's access (a revocation; the
 * server closes their open connections at once). Anyone else reads why they cannot. A native
 * modal <dialog>: the page behind is inert, focus stays inside, Esc closes it.
 */
export function ShareDialog({
  caseId,
  caseTitle,
  onClose,
}: {
  caseId: string;
  caseTitle: string;
  onClose: () => void;
}) {
  const { serverUrl, accessTokens, blobs } = useCasefile();
  const claims = accessTokens.forRoom(serverUrl, caseId);

  let body: ReactNode;
  if (serverUrl === null) {
    body = (
      <p role="note">
        This device has no sync server, so the case lives only here and nobody else can open it. Set a sync server in
        Settings to share it with your team.
      </p>
    );
  } else if (claims?.role !== 'owner') {
    body = (
      <p role="note">
        Only an owner of this case can invite people or remove their access.{' '}
        {claims
          ? `Your invitation makes you ${claims.role === 'editor' ? 'an editor' : 'a viewer'} of it.`
          : 'This device holds no invitation for it.'}{' '}
        Ask an owner of the case.
      </p>
    );
  } else {
    const context = async (): Promise<ShareRequestContext> => ({
      serverUrl,
      caseId,
      // Signed in as the case's file requests are: the server lets only an owner of the case share it.
      headers: await blobs.requestHeaders(caseId),
    });
    body = (
      <>
        <InviteForm context={context} />
        <RemoveAccessForm context={context} ownUser={claims.user} />
      </>
    );
  }

  return (
    <ModalDialog title={`Share “${caseTitle}”`} onClose={onClose} className="share-dialog">
      {body}
    </ModalDialog>
  );
}

function InviteForm({ context }: { context: () => Promise<ShareRequestContext> }) {
  const id = useId();
  const [user, setUser] = useState('');
  const [role, setRole] = useState<AccessRole>('editor');
  const [expiresIn, setExpiresIn] = useState<InviteExpiry>('7d');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const linkRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = userNameProblem(user);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    setInvitation(null);
    setCopied(null);
    try {
      setInvitation(await createInvitation(await context(), { user, role, expiresIn }));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!invitation) return;
    try {
      await navigator.clipboard.writeText(invitation.link);
      setCopied('Copied.');
    } catch {
      // No clipboard access (permission, or an insecure origin): leave the link selected to copy by hand.
      linkRef.current?.select();
      setCopied('Casefile could not copy it: the link is selected, press Ctrl+C (⌘C on a Mac).');
    }
  };

  return (
    <form className="share-dialog__section" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Invite a teammate</h3>
      <label className="field share-dialog__field">
        <span className="field__label">Teammate’s user name</span>
        <input
          value={user}
          onChange={(event) => setUser(event.target.value)}
          autoComplete="off"
          aria-describedby={`${id}-user-help`}
        />
        <span id={`${id}-user-help`} className="field__help">
          The name they sign in as; the case’s record of changes names them by it.
        </span>
      </label>
      <label className="field share-dialog__field">
        <span className="field__label">Role</span>
        <select value={role} onChange={(event) => setRole(event.target.value as AccessRole)}>
          {INVITE_ROLES.map((each) => (
            <option key={each} value={each}>
              {ROLE_LABELS[each]}
            </option>
          ))}
        </select>
      </label>
      <label className="field share-dialog__field">
        <span className="field__label">Link expires after</span>
        <select value={expiresIn} onChange={(event) => setExpiresIn(event.target.value as InviteExpiry)}>
          {INVITE_EXPIRIES.map((each) => (
            <option key={each.value} value={each.value}>
              {each.label}
            </option>
          ))}
        </select>
      </label>
      <div className="share-dialog__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create invitation'}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {invitation && (
        <div className="share-dialog__result" role="status">
          <label className="field share-dialog__field">
            <span className="field__label">Invitation link for {invitation.user}</span>
            <input ref={linkRef} readOnly value={invitation.link} onFocus={(e) => e.target.select()} />
          </label>
          <div className="share-dialog__actions">
            <button type="button" className="button" onClick={() => void copy()}>
              Copy link
            </button>
            {copied && <span>{copied}</span>}
          </div>
          <p>
            It works until {formatDateTime(invitation.expiresAt)}. Anyone holding this link can open this case as{' '}
            {invitation.role === 'viewer' ? 'a viewer' : `an ${invitation.role}`}: send it to {invitation.user} alone,
            over a channel you trust.
          </p>
        </div>
      )}
    </form>
  );
}

function RemoveAccessForm({ context, ownUser }: { context: () => Promise<ShareRequestContext>; ownUser: string }) {
  const id = useId();
  const [user, setUser] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const ask = (event: FormEvent) => {
    event.preventDefault();
    setRemoved(null);
    const problem = userNameProblem(user);
    if (problem) {
      setError(problem);
      return;
    }
    if (user === ownUser) {
      // A revocation would end this device's own access: the owner would lock themselves out.
      setError('That is you: removing your own access would lock this device out of the case.');
      return;
    }
    setError(null);
    setConfirming(user);
  };

  const remove = async (name: string) => {
    setBusy(true);
    setError(null);
    try {
      await removeAccess(await context(), name);
      setRemoved(name);
      setUser('');
      setConfirming(null);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="share-dialog__section" onSubmit={ask} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Remove someone’s access</h3>
      <label className="field share-dialog__field">
        <span className="field__label">Their user name</span>
        <input
          value={user}
          onChange={(event) => {
            setUser(event.target.value);
            setConfirming(null);
          }}
          autoComplete="off"
          disabled={busy}
        />
      </label>
      {confirming ? (
        <div className="share-dialog__confirm">
          <p>
            Remove {confirming}’s access to this case? Every invitation they hold for it stops working now and their
            open connections close. What they already copied to their device stays with them.
          </p>
          <div className="share-dialog__actions">
            <button
              ref={confirmRef}
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={() => void remove(confirming)}
            >
              {busy ? 'Removing…' : 'Remove access'}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setConfirming(null)}>
              Keep access
            </button>
          </div>
        </div>
      ) : (
        <div className="share-dialog__actions">
          <button type="submit" className="button">
            Remove access…
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {removed && (
        <p role="status">
          {removed} can no longer open this case; their open connections were closed. A new invitation would let them in
          again.
        </p>
      )}
    </form>
  );
}

import { tokenFromInvitation } from '@casefile/sync';
import { type FormEvent, useId, useState } from 'react';
import { useCasefile } from '../app/CasefileContext';
import { describeError } from '../app/describeError';
import { casesHref } from '../routing/hashRoute';
import { ConnectionIndicator } from '../sync/ConnectionIndicator';
import { serverHost } from '../sync/connectionStatusText';
import { checkLocalUser, MAX_NAME_LENGTH } from './localUser';
import { checkServerUrl } from './serverUrl';

type Errors = { name?: string; server?: string; invitation?: string; saving?: string };

/** #/settings: the investigator's name and colour, and (desktop) the team's sync server. */
export function SettingsPage() {
  const {
    platform,
    localUser,
    serverUrl,
    workspaceRoom,
    saveLocalUser,
    saveServerUrl,
    acceptInvitation,
    accessTokens,
  } = useCasefile();
  const ids = { name: useId(), colour: useId(), server: useId(), invitation: useId() };
  const [invitation, setInvitation] = useState('');
  const [name, setName] = useState(localUser.name);
  const [colour, setColour] = useState(localUser.color);
  const [server, setServer] = useState(serverUrl ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const serverEditable = platform === 'desktop';

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const user = checkLocalUser(name, colour);
    const serverCheck = serverEditable ? checkServerUrl(server) : ({ ok: true, serverUrl } as const);
    const found: Errors = {};
    if (!user.ok) found.name = user.error;
    if (!serverCheck.ok) found.server = serverCheck.error;
    const invitationToken = invitation.trim() === '' ? null : tokenFromInvitation(invitation);
    if (invitation.trim() !== '' && invitationToken === null) {
      found.invitation = 'This is not a Casefile invitation: paste the whole link (…/#/join/…) or the token.';
    } else if (invitationToken !== null && serverCheck.ok && serverCheck.serverUrl === null) {
      found.invitation = 'An invitation is for a sync server: enter the server’s address too.';
    }
    setErrors(found);
    if (!user.ok || !serverCheck.ok || found.invitation) return;

    setSaving(true);
    try {
      if (user.user.name !== localUser.name || user.user.color !== localUser.color) await saveLocalUser(user.user);
      setName(user.user.name);
      // The invitation first: sharing local cases with a new server needs it.
      if (invitationToken !== null && serverEditable && serverCheck.serverUrl !== serverUrl) {
        await saveServerUrlThenInvitation(serverCheck.serverUrl, invitationToken);
        return;
      }
      if (invitationToken !== null) {
        const claims = await acceptInvitation(invitationToken);
        setInvitation('');
        setNotice(`Saved. Signed in as ${claims.user} (${claims.role}${claims.caseId ? ', one case' : ''}).`);
        if (!(serverEditable && serverCheck.serverUrl !== serverUrl)) return;
      }
      if (serverEditable && serverCheck.serverUrl !== serverUrl) {
        const next = serverCheck.serverUrl;
        setServer(next ?? '');
        const { sharing } = await saveServerUrl(next);
        if (next === null) {
          setNotice('Saved. Casefile now works on this device only; your cases stay here.');
        } else {
          const host = serverHost(next);
          setNotice(`Saved. Sharing your cases with ${host}…`);
          sharing.then(
            () => setNotice(`Saved. Your cases are shared with ${host}.`),
            (error: unknown) => setNotice(`Saved, but sharing your cases failed: ${describeError(error, 'Sharing')}`),
          );
        }
      } else {
        setNotice('Saved.');
      }
    } catch (error) {
      setErrors({ saving: describeError(error, 'Saving the settings') });
    } finally {
      setSaving(false);
    }
  };

  /** A new server and its invitation: the token is kept for that server before its cases are shared. */
  async function saveServerUrlThenInvitation(next: string | null, token: string) {
    setServer(next ?? '');
    const { sharing } = await saveServerUrl(next, token);
    setInvitation('');
    const host = next ? serverHost(next) : '';
    setNotice(`Saved. Sharing your cases with ${host}…`);
    sharing.then(
      () => setNotice(`Saved. Your cases are shared with ${host}.`),
      (error: unknown) => setNotice(`Saved, but sharing your cases failed: ${describeError(error, 'Sharing')}`),
    );
  }

  return (
    <section className="page page--narrow" aria-labelledby="settings-heading">
      <p>
        <a href={casesHref} className="back-link">
          <span aria-hidden="true">← </span>Back to cases
        </a>
      </p>
      <h1 id="settings-heading">Settings</h1>
      <form className="settings" onSubmit={save} noValidate>
        <fieldset>
          <legend>You, as your colleagues see you</legend>
          <div className="field">
            <label className="field__label" htmlFor={ids.name}>
              Name
            </label>
            <input
              id={ids.name}
              type="text"
              value={name}
              maxLength={MAX_NAME_LENGTH}
              autoComplete="name"
              onChange={(event) => setName(event.currentTarget.value)}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={errors.name ? `${ids.name}-error` : undefined}
            />
            {errors.name && (
              <p id={`${ids.name}-error`} className="field-error" role="alert">
                {errors.name}
              </p>
            )}
          </div>
          <div className="field field--inline">
            <label className="field__label" htmlFor={ids.colour}>
              Colour
            </label>
            <input
              id={ids.colour}
              type="color"
              value={colour}
              onChange={(event) => setColour(event.currentTarget.value)}
            />
            <span className="cursor-preview" style={{ backgroundColor: colour }}>
              {name.trim() || 'Your name'}
            </span>
          </div>
        </fieldset>

        <fieldset>
          <legend>Sync server</legend>
          {serverEditable ? (
            <div className="field">
              <label className="field__label" htmlFor={ids.server}>
                Sync server address
              </label>
              <input
                id={ids.server}
                type="url"
                inputMode="url"
                placeholder="http://192.168.1.20:1234"
                value={server}
                onChange={(event) => setServer(event.currentTarget.value)}
                aria-invalid={errors.server ? true : undefined}
                aria-describedby={`${ids.server}-help${errors.server ? ` ${ids.server}-error` : ''}`}
              />
              <p id={`${ids.server}-help`} className="field__help">
                The address your team’s Casefile server prints when it starts. Leave it empty to work on this device
                only. Cases you already have are shared with the server when you save.
              </p>
              {errors.server && (
                <p id={`${ids.server}-error`} className="field-error" role="alert">
                  {errors.server}
                </p>
              )}
            </div>
          ) : (
            <p className="field__help">
              This page syncs with the server it was opened from: <strong>{serverUrl ?? 'none'}</strong>. To use another
              server, open Casefile from that server’s address.
            </p>
          )}
          <div className="field">
            <label className="field__label" htmlFor={ids.invitation}>
              Invitation link or token
            </label>
            <input
              id={ids.invitation}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={invitation}
              onChange={(event) => setInvitation(event.currentTarget.value)}
              aria-invalid={errors.invitation ? true : undefined}
              aria-describedby={`${ids.invitation}-help${errors.invitation ? ` ${ids.invitation}-error` : ''}`}
            />
            <p id={`${ids.invitation}-help`} className="field__help">
              Paste the invitation a case owner sent you (a link ending in /#/join/…), for the server above.
            </p>
            {errors.invitation && (
              <p id={`${ids.invitation}-error`} className="field-error" role="alert">
                {errors.invitation}
              </p>
            )}
            {accessTokens.storageProblem && (
              <p className="notice notice--info" role="note">
                {accessTokens.storageProblem}
              </p>
            )}
          </div>
          <ConnectionIndicator lease={workspaceRoom} serverUrl={serverUrl} />
        </fieldset>

        {errors.saving && (
          <p className="field-error" role="alert">
            {errors.saving}
          </p>
        )}
        <div className="settings__actions">
          <button type="submit" className="button button--primary" disabled={saving}>
            Save
          </button>
          <p className="settings__notice" role="status">
            {notice}
          </p>
        </div>
      </form>
    </section>
  );
}

import type { Investigator } from '@casefile/model';
import { acquireCaseDoc, getSetting, listLocalCaseIds, putSetting } from '@casefile/storage';
import { type LocalUser, shareCases } from '@casefile/sync';
import { useEffect, useMemo, useState } from 'react';
import { casefile } from '../platform/bridge';
import { registerServiceWorkerOnceListed } from '../platform/serviceWorker';
import {
  lacksInvestigatorId,
  newInvestigatorId,
  type StoredLocalUser,
  withInvestigatorId,
} from '../settings/localUser';
import { InvestigatorContext } from '../settings/useInvestigator';
import { useUnsyncedCloseWarning } from '../sync/useUnsyncedCloseWarning';
import { AppShell } from './AppShell';
import { CasefileContext, type CasefileContextValue } from './CasefileContext';
import { StartupFailure } from './StartupFailure';
import { type CasefileServices, SETTING_LOCAL_USER, SETTING_SERVER_URL, startCasefile } from './startCasefile';

type Startup =
  | { state: 'starting' }
  | { state: 'failed'; error: unknown }
  | { state: 'ready'; services: CasefileServices };

export function App() {
  const [startup, setStartup] = useState<Startup>({ state: 'starting' });

  useEffect(() => {
    let current = true;
    startCasefile(casefile).then(
      (services) => {
        if (!current) return;
        setStartup({ state: 'ready', services });
        registerServiceWorkerOnceListed(services.platform, services.workspaceRoom.status);
      },
      (error: unknown) => {
        console.error('Casefile could not start:', error);
        if (current) setStartup({ state: 'failed', error });
      },
    );
    return () => {
      current = false;
    };
  }, []);

  switch (startup.state) {
    case 'starting':
      return (
        <main className="full-window" aria-busy="true">
          <p className="full-window__note">Opening your cases…</p>
        </main>
      );
    case 'failed':
      return <StartupFailure error={startup.error} />;
    case 'ready':
      return <RunningApp services={startup.services} />;
  }
}

function RunningApp({ services }: { services: CasefileServices }) {
  const [localUser, setLocalUser] = useState<StoredLocalUser>(() => storedLocalUserOf(services.localUser));
  const [serverUrl, setServerUrl] = useState(services.serverUrl);
  useSaveMigratedLocalUser(services, localUser);
  useUnsyncedCloseWarning(services);

  const value = useMemo<CasefileContextValue>(() => {
    const { db, client } = services;
    return {
      ...services,
      localUser,
      serverUrl,
      async saveLocalUser(user: LocalUser) {
        // Settings edits the name and colour; the installation's id stays what it is.
        const stored = withInvestigatorId(user, localUser.id);
        await putSetting(db, SETTING_LOCAL_USER, stored);
        client.setLocalUser(stored);
        setLocalUser(stored);
      },
      async saveServerUrl(next: string | null, invitationToken?: string) {
        if (next !== null && invitationToken) await services.accessTokens.add(next, invitationToken);
        await putSetting(db, SETTING_SERVER_URL, next);
        client.setServer(next);
        setServerUrl(next);
        // Cases written before the server was set exist only here: hand each to the server once.
        const sharing = next
          ? listLocalCaseIds(db).then((ids) => shareCases(client, ids, (id) => acquireCaseDoc(db, id)))
          : Promise.resolve();
        return { sharing };
      },
      async acceptInvitation(token: string) {
        if (serverUrl === null) throw new Error('Set the team’s sync server first, then add the invitation.');
        const claims = await services.accessTokens.add(serverUrl, token);
        client.accessChanged();
        return claims;
      },
    };
  }, [services, localUser, serverUrl]);

  const investigator = useMemo<Investigator>(() => ({ id: localUser.id, name: localUser.name }), [localUser]);

  return (
    <CasefileContext.Provider value={value}>
      <InvestigatorContext.Provider value={investigator}>
        <AppShell />
      </InvestigatorContext.Provider>
    </CasefileContext.Provider>
  );
}

/** Start-up reads the setting through readStoredLocalUser, which gives an id to users stored without one. */
function storedLocalUserOf(user: LocalUser & { id?: unknown }): StoredLocalUser {
  return withInvestigatorId(user, typeof user.id === 'string' ? user.id : newInvestigatorId());
}

/**
 * A setting written before installations had an id is stored again with the id given at start,
 * so that this investigator keeps one id across restarts (the activity log names people by it).
 */
function useSaveMigratedLocalUser(services: CasefileServices, localUser: StoredLocalUser): void {
  const { db } = services;
  useEffect(() => {
    let current = true;
    getSetting<unknown>(db, SETTING_LOCAL_USER)
      .then((stored) => {
        if (current && lacksInvestigatorId(stored)) return putSetting(db, SETTING_LOCAL_USER, localUser);
      })
      .catch((error: unknown) => console.warn('Casefile could not store this installation’s id:', error));
    return () => {
      current = false;
    };
  }, [db, localUser]);
}

import { acquireCaseDoc, listLocalCaseIds, putSetting } from '@casefile/storage';
import { type LocalUser, shareCases } from '@casefile/sync';
import { useEffect, useMemo, useState } from 'react';
import { casefile } from '../platform/bridge';
import { registerServiceWorker } from '../platform/serviceWorker';
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
        void registerServiceWorker(services.platform);
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
  const [localUser, setLocalUser] = useState(services.localUser);
  const [serverUrl, setServerUrl] = useState(services.serverUrl);

  const value = useMemo<CasefileContextValue>(() => {
    const { db, client } = services;
    return {
      ...services,
      localUser,
      serverUrl,
      async saveLocalUser(user: LocalUser) {
        await putSetting(db, SETTING_LOCAL_USER, user);
        client.setLocalUser(user);
        setLocalUser(user);
      },
      async saveServerUrl(next: string | null) {
        await putSetting(db, SETTING_SERVER_URL, next);
        client.setServer(next);
        setServerUrl(next);
        // Cases written before the server was set exist only here: hand each to the server once.
        const sharing = next
          ? listLocalCaseIds(db).then((ids) => shareCases(client, ids, (id) => acquireCaseDoc(db, id)))
          : Promise.resolve();
        return { sharing };
      },
    };
  }, [services, localUser, serverUrl]);

  return (
    <CasefileContext.Provider value={value}>
      <AppShell />
    </CasefileContext.Provider>
  );
}

import { isCaseId } from '@casefile/model';
import type { RoomLease } from '@casefile/sync';
import type * as Y from 'yjs';
import { useCasefile } from '../app/CasefileContext';
import { describeError } from '../app/describeError';
import type { CaseTab } from '../routing/caseTabs';
import { casesHref } from '../routing/hashRoute';
import { ConnectionIndicator } from '../sync/ConnectionIndicator';
import { useObservable } from '../sync/useObservable';
import { useRoomLease } from '../sync/useRoomLease';
import { CaseEditor } from './CaseEditor';
import { CaseNotFound } from './CaseNotFound';
import { useCaseDoc } from './useCaseDoc';
import { useCaseInitialized } from './useCaseInitialized';

/** #/case/<id>[/<tab>]: loads the case document first, then joins its sync room, then shows the case. */
export function CaseViewPage({ caseId, tab }: { caseId: string; tab: CaseTab }) {
  if (!isCaseId(caseId)) return <CaseNotFound reason="bad-id" />;
  return <LoadedCase caseId={caseId} tab={tab} />;
}

function LoadedCase({ caseId, tab }: { caseId: string; tab: CaseTab }) {
  const { db, serverUrl } = useCasefile();
  const loaded = useCaseDoc(db, caseId, serverUrl !== null);
  switch (loaded.state) {
    case 'loading':
      return <p className="page page__note">Opening the case…</p>;
    case 'absent':
      return <CaseNotFound reason="absent" />;
    case 'failed':
      return (
        <section className="page" role="alert">
          <h1>The case could not be opened</h1>
          <p>{describeError(loaded.error, 'Opening the case')}</p>
          <p>
            <a href={casesHref}>Back to cases</a>
          </p>
        </section>
      );
    case 'ready':
      return <CaseRoom caseId={caseId} doc={loaded.doc} tab={tab} />;
  }
}

function CaseRoom({ caseId, doc, tab }: { caseId: string; doc: Y.Doc; tab: CaseTab }) {
  const { client } = useCasefile();
  const lease = useRoomLease(client, caseId, doc, { connect: true });
  if (!lease) return null;
  return <CaseOrPlaceholder caseId={caseId} doc={doc} lease={lease} tab={tab} />;
}

function CaseOrPlaceholder({
  caseId,
  doc,
  lease,
  tab,
}: {
  caseId: string;
  doc: Y.Doc;
  lease: RoomLease;
  tab: CaseTab;
}) {
  const { serverUrl } = useCasefile();
  const initialized = useCaseInitialized(doc);
  const status = useObservable(lease.status);

  if (initialized) return <CaseEditor caseId={caseId} doc={doc} lease={lease} tab={tab} />;
  // Not stored here yet: it may be a colleague's case that the server is about to send. Once the
  // handshake is done ('syncing' only means the server has yet to confirm local changes), it did not.
  if (status === 'synced' || status === 'syncing') return <CaseNotFound reason="not-on-server" />;
  return (
    <section className="page">
      <p>
        <a href={casesHref}>Back to cases</a>
      </p>
      <h1>Fetching the case…</h1>
      <p>
        This case is not on this device yet.{' '}
        {status === 'offline'
          ? 'It opens as soon as the sync server can be reached.'
          : 'Casefile is asking the sync server for it.'}
      </p>
      <ConnectionIndicator lease={lease} serverUrl={serverUrl} caseId={caseId} />
    </section>
  );
}

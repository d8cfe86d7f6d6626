import { WORKSPACE_ROOM } from '@casefile/model';
import {
  acquireWorkspaceDoc,
  type CasefileDatabase,
  createCase,
  getSetting,
  listLocalCaseIds,
  openDatabase,
  putBlob,
  putSetting,
  requestPersistentStorage,
} from '@casefile/storage';
import { BlobTransfer, type LocalUser, type RoomLease, SyncClient, type SyncClientOptions } from '@casefile/sync';
import type * as Y from 'yjs';
import type { CasefileBridge, Platform } from '../../shared/bridge';
import { AccessTokenBook, legacySettingsTokens, settingsTokenStore, vaultTokenStore } from '../settings/accessTokens';
import { defaultLocalUser, readStoredLocalUser } from '../settings/localUser';
import { pageOriginServerUrl } from '../settings/serverUrl';

export const SETTING_LOCAL_USER = 'localUser';
export const SETTING_SERVER_URL = 'serverUrl';
export const SETTING_DEMO_SEEDED = 'demoSeeded';

/** What the whole app shares, made once at start and kept for the app's lifetime. */
export interface CasefileServices {
  platform: Platform;
  version: string;
  db: CasefileDatabase;
  client: SyncClient;
  /** The local copy of the team's list of cases. */
  workspace: Y.Doc;
  /** The lease that keeps the list syncing while the app runs. */
  workspaceRoom: RoomLease;
  localUser: LocalUser;
  serverUrl: string | null;
  /** Uploads evidence bytes to the server and fetches colleagues'; follows `client.setServer`. */
  blobs: BlobTransfer;
  /** The invitations (access tokens) this device holds, per server. */
  accessTokens: AccessTokenBook;
}

/**
 * The sync client that takes the evidence bytes along: Settings moves the app to another server
 * with `client.setServer`, and the blob uploads and downloads must follow the case documents there.
 */
class CasefileSyncClient extends SyncClient {
  constructor(
    options: SyncClientOptions,
    private readonly blobs: BlobTransfer,
  ) {
    super(options);
  }

  override setServer(serverUrl: string | null): void {
    super.setServer(serverUrl);
    this.blobs.setServer(serverUrl);
  }
}

async function loadLocalUser(db: CasefileDatabase): Promise<LocalUser> {
  const stored = readStoredLocalUser(await getSetting<unknown>(db, SETTING_LOCAL_USER));
  if (stored) return stored;
  const user = defaultLocalUser();
  await putSetting(db, SETTING_LOCAL_USER, user);
  return user;
}

/**
 * A new desktop user with no server sees a filled case, not an empty screen. Only on a database
 * that has never held a case and never been seeded: a user who deleted the demo does not get it
 * back. The browser build never seeds; the server does, once, for the whole team.
 */
async function seedDemoCaseOnce(db: CasefileDatabase, workspace: Y.Doc): Promise<void> {
  if (await getSetting<boolean>(db, SETTING_DEMO_SEEDED)) return;
  if ((await listLocalCaseIds(db)).length > 0) return;
  const { writeDemoCase } = await import('@casefile/model/demo');
  let blobs: Array<{ bytes: Uint8Array; mime: string }> = [];
  const caseId = await createCase(db, workspace, {}, (doc) => {
    blobs = writeDemoCase(doc).blobs;
  });
  // The demo's evidence is text; its bytes belong in the blob store like any captured file.
  for (const blob of blobs) await putBlob(db, caseId, new Blob([new Uint8Array(blob.bytes)]), blob.mime);
  await putSetting(db, SETTING_DEMO_SEEDED, true);
}

export async function startCasefile(bridge: CasefileBridge): Promise<CasefileServices> {
  const { platform, version } = await bridge.getAppInfo();
  const db = await openDatabase();
  void requestPersistentStorage();
  // Read side by side: each is its own IndexedDB request (or IPC), and a first visit waits for all
  // of them before it can ask the server for the list.
  const [localUser, serverUrl, accessTokens, workspaceLease] = await Promise.all([
    loadLocalUser(db),
    platform === 'web'
      ? pageOriginServerUrl(window.location)
      : getSetting<string | null>(db, SETTING_SERVER_URL).then((stored) => stored ?? null),
    // The desktop app keeps tokens encrypted by main (system keychain); the browser, in its database.
    AccessTokenBook.load(
      platform === 'desktop' ? vaultTokenStore(bridge, legacySettingsTokens(db)) : settingsTokenStore(db),
    ),
    acquireWorkspaceDoc(db),
  ]);
  // Every request carries the token that covers its case (or, for the list, one for every case).
  const blobs: BlobTransfer = new BlobTransfer({
    db,
    serverUrl,
    headers: (caseId): Record<string, string> => {
      const claims = accessTokens.forRoom(blobs.serverUrl, caseId ?? WORKSPACE_ROOM);
      return claims ? { Authorization: `Bearer ${claims.token}` } : {};
    },
  });
  const client: SyncClient = new CasefileSyncClient(
    { serverUrl, tokenFor: (room) => accessTokens.forRoom(client.serverUrl, room)?.token ?? null },
    blobs,
  );
  client.setLocalUser(localUser);

  if (platform === 'desktop' && serverUrl === null) {
    // The demo is a courtesy: failing to write it must not keep the app from opening.
    await seedDemoCaseOnce(db, workspaceLease.doc).catch((error) =>
      console.warn('Casefile could not write the demo case:', error),
    );
  }
  const workspaceRoom = client.acquire(WORKSPACE_ROOM, workspaceLease.doc, { connect: true });

  return {
    platform,
    version,
    db,
    client,
    workspace: workspaceLease.doc,
    workspaceRoom,
    localUser,
    serverUrl,
    blobs,
    accessTokens,
  };
}

import { type CaseMeta, putCaseEntry, readMeta, WORKSPACE_ROOM } from '@casefile/model';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { sleep } from '../convergence/client.js';

type WebSocketClass = NonNullable<NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill']>;

/** The token travels as y-websocket's `params`, as the app sends it. */
function connect(wsUrl: string, room: string, doc: Y.Doc, token: string): WebsocketProvider {
  return new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as WebSocketClass,
    disableBc: true,
    params: { token },
  });
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}.`);
    await sleep(20);
  }
}

/**
 * Puts a document on the sync server the way a colleague's app does (a y-websocket client in its
 * room), then checks with a second, fresh client that the server holds all of it: the first
 * client's sync step 2 is only known to be stored once someone else can fetch it.
 */
export async function putDocumentOnServer(wsUrl: string, room: string, doc: Y.Doc, token: string): Promise<void> {
  const writer = connect(wsUrl, room, doc, token);
  const check = new Y.Doc();
  let reader: WebsocketProvider | null = null;
  try {
    await until(() => writer.synced, `the server answered the writer in room ${room}`);
    const expected = Buffer.from(Y.encodeStateVector(doc)).toString('base64');
    reader = connect(wsUrl, room, check, token);
    await until(
      () => reader?.synced === true && Buffer.from(Y.encodeStateVector(check)).toString('base64') === expected,
      `the server holds the whole document of room ${room}`,
    );
  } finally {
    reader?.destroy();
    writer.destroy();
    check.destroy();
  }
}

/**
 * Puts a case on the server and lists it in the team's workspace, as creating it in the app would;
 * `token` must allow creating cases (an editor or owner of every case).
 */
export async function putCaseOnServer(wsUrl: string, caseId: string, doc: Y.Doc, token: string): Promise<CaseMeta> {
  await putDocumentOnServer(wsUrl, caseId, doc, token);
  const meta = readMeta(doc);
  const workspace = new Y.Doc();
  const provider = connect(wsUrl, WORKSPACE_ROOM, workspace, token);
  try {
    await until(() => provider.synced, 'the workspace list arrived');
    putCaseEntry(workspace, caseId, meta);
  } finally {
    provider.destroy();
  }
  await putDocumentOnServer(wsUrl, WORKSPACE_ROOM, workspace, token);
  workspace.destroy();
  return meta;
}

import { randomBytes } from 'node:crypto';
import { newCaseId, WORKSPACE_ROOM } from '@casefile/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { issueToken, type Role } from './accessToken.js';
import { LevelDocumentStore } from './persistence.js';
import { revokeInDataDir } from './revocations.js';
import {
  cleanUp,
  connectClient,
  makeTempDir,
  sleep,
  startTestServer,
  type TestClient,
  type TestServer,
  waitFor,
} from './testSupport.js';

afterEach(cleanUp);

const SECRET_TEXT = 'Leaked memo: the channel is run from the ministry.';

/** A server holding case A (with text) and case B, both written by the team-wide owner. */
async function serverWithTwoCases(options: Parameters<typeof startTestServer>[1] = {}) {
  const dataDir = await makeTempDir();
  const server = await startTestServer(dataDir, options);
  const caseA = newCaseId();
  const caseB = newCaseId();
  for (const [room, text] of [
    [caseA, SECRET_TEXT],
    [caseB, 'Case B notes'],
  ] as const) {
    const writer = connectClient(server.url, room);
    await writer.synced;
    writer.doc.getText('notes').insert(0, text);
    await waitFor(() => server.logs.length >= 0 && writer.provider.synced, 'the owner never synced');
    await waitForStored(server, writer);
    writer.destroy();
  }
  return { dataDir, server, caseA, caseB };
}

/** Waits until a fresh owner client sees what `writer` wrote (so it is stored and applied). */
async function waitForStored(server: TestServer, writer: TestClient): Promise<void> {
  const room = writer.provider.roomname;
  const witness = connectClient(server.url, room);
  await witness.synced;
  const expected = writer.doc.getText('notes').toString();
  await waitFor(() => witness.doc.getText('notes').toString() === expected, 'the server never stored the owner’s text');
  witness.destroy();
}

/** Connects a real y-websocket client with `token` and waits until it synced or the server closed it. */
async function attempt(server: TestServer, room: string, token: string | null): Promise<TestClient> {
  const client = connectClient(server.url, room, new Y.Doc(), { token });
  await waitFor(
    () => client.provider.synced || client.closes.length > 0,
    `the server neither synced nor closed a client of ${room}`,
  );
  return client;
}

function expectRefused(client: TestClient, code: number, reason: RegExp): void {
  expect(client.closes[0]?.code).toBe(code);
  expect(client.closes[0]?.reason).toMatch(reason);
  // Not one byte of any case (not even its state vector) reached the refused client.
  expect(client.received).toEqual([]);
  expect(client.doc.getText('notes').toString()).toBe('');
  // y-websocket stops retrying on 44xx: no second socket is opened.
  expect(client.provider.shouldConnect).toBe(false);
}

describe('who may open which case', () => {
  it('gives each token exactly what it should: the refused ones get a close code, a reason and zero bytes', async () => {
    const { server, caseA, caseB } = await serverWithTwoCases();
    const token = (user: string, role: Role, caseId: string | null = null) => server.token(user, role, caseId);

    expectRefused(await attempt(server, caseA, null), 4401, /Sign in first/);
    const expired = await server.issueToken({
      user: 'eve',
      role: 'owner',
      expiresInMs: 60_000,
      now: Date.now() - 3_600_000,
    });
    expectRefused(await attempt(server, caseA, expired), 4401, /expired/);
    const forged = await issueToken(new Uint8Array(randomBytes(32)), {
      user: 'eve',
      role: 'owner',
      expiresInMs: 60_000,
    });
    expectRefused(await attempt(server, caseA, forged), 4401, /not valid here/);
    const [header, , signature] = (await token('eve', 'viewer', caseB)).split('.');
    const widened = Buffer.from(JSON.stringify({ sub: 'eve', role: 'owner', iat: Date.now() / 1000, exp: 2e9 }));
    expectRefused(
      await attempt(server, caseA, `${header}.${widened.toString('base64url')}.${signature}`),
      4401,
      /not valid here/,
    );
    expectRefused(await attempt(server, caseA, await token('bob', 'editor', caseB)), 4403, /does not cover this case/);
    expectRefused(await attempt(server, WORKSPACE_ROOM, await token('bob', 'owner', caseB)), 4403, /list of cases/);

    for (const role of ['viewer', 'editor', 'owner'] as const) {
      for (const scope of [caseA, null]) {
        const client = await attempt(server, caseA, await token(`${role}-person`, role, scope));
        expect(client.closes).toEqual([]);
        expect(client.doc.getText('notes').toString()).toBe(SECRET_TEXT);
        client.destroy();
      }
    }
  });

  it('drops a viewer’s writes: never stored, never sent to others; an editor’s arrive', async () => {
    const { dataDir, server, caseA } = await serverWithTwoCases();
    const viewer = await attempt(server, caseA, await server.token('vera', 'viewer', caseA));
    const editor = await attempt(server, caseA, await server.token('ed', 'editor', caseA));
    const colleague = await attempt(server, caseA, await server.token('col', 'viewer'));

    viewer.doc.getText('notes').insert(0, 'VIEWER WAS HERE ');
    viewer.doc.getMap('meta').set('title', 'Renamed by a viewer');
    await sleep(300);
    editor.doc.getText('notes').insert(0, 'Editor: ');
    await waitFor(
      () => colleague.doc.getText('notes').toString() === `Editor: ${SECRET_TEXT}`,
      'the editor’s change never reached a colleague',
    );
    expect(colleague.doc.getMap('meta').get('title')).toBeUndefined();
    expect(server.logs.some((line) => /dropping updates from vera \(viewer\)/.test(line))).toBe(true);

    await server.close();
    const store = await LevelDocumentStore.open(dataDir);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.mergeUpdates(await store.loadUpdates(caseA)));
    await store.close();
    expect(stored.getText('notes').toString()).toBe(`Editor: ${SECRET_TEXT}`);
    expect(stored.getMap('meta').get('title')).toBeUndefined();
  });

  it('lets only editors and owners of every case create a case, and records the creator as its owner', async () => {
    const dataDir = await makeTempDir();
    const server = await startTestServer(dataDir);
    const created = newCaseId();
    const creator = await attempt(server, created, await server.token('carla', 'editor'));
    creator.doc.getText('notes').insert(0, 'New case');
    await waitForStored(server, creator);
    // As the case's owner, the editor may invite.
    const invite = await fetch(`${server.url}/cases/${created}/invites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await server.token('carla', 'editor')}` },
      body: JSON.stringify({ user: 'dan', role: 'viewer' }),
    });
    expect(invite.status).toBe(201);
    const body = (await invite.json()) as { token: string; link: string; role: string };
    expect(body.link).toBe(`http://${new URL(server.url).host}/#/join/${body.token}`);
    const dan = await attempt(server, created, body.token);
    expect(dan.doc.getText('notes').toString()).toBe('New case');

    // A case-scoped editor cannot bring an unknown case into being.
    const unknown = newCaseId();
    const scoped = await attempt(server, unknown, await server.token('sam', 'editor', unknown));
    scoped.doc.getText('notes').insert(0, 'should not exist');
    await sleep(300);
    const check = await attempt(server, unknown, server.ownerToken);
    expect(check.doc.getText('notes').toString()).toBe('');

    const notOwner = await fetch(`${server.url}/cases/${created}/invites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await server.token('ed', 'editor', created)}` },
      body: JSON.stringify({ user: 'x', role: 'owner' }),
    });
    expect(notOwner.status).toBe(403);
  });

  it('refuses revoked tokens, closes their open connections, and lets a later invitation in', async () => {
    const { dataDir, server, caseA, caseB } = await serverWithTwoCases({ revocationCheckMs: 200 });
    const before = await server.token('bob', 'editor', caseA);
    const open = await attempt(server, caseA, before);
    expect(open.doc.getText('notes').toString()).toBe(SECRET_TEXT);

    const revoked = await fetch(`${server.url}/cases/${caseA}/revocations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.ownerToken}` },
      body: JSON.stringify({ user: 'bob' }),
    });
    expect(revoked.status).toBe(201);
    await waitFor(() => open.closes.length > 0, 'bob’s open connection was not closed');
    expect(open.closes[0]).toEqual({ code: 4403, reason: expect.stringMatching(/revoked/) });
    expectRefused(await attempt(server, caseA, before), 4403, /revoked/);
    const blob = await fetch(`${server.url}/cases/${caseA}/blobs/${'0'.repeat(64)}`, {
      headers: { authorization: `Bearer ${before}` },
    });
    expect(blob.status).toBe(403);

    const invite = await fetch(`${server.url}/cases/${caseA}/invites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.ownerToken}` },
      body: JSON.stringify({ user: 'bob', role: 'editor', expiresIn: '1h' }),
    });
    const { token: after } = (await invite.json()) as { token: string };
    const again = await attempt(server, caseA, after);
    expect(again.doc.getText('notes').toString()).toBe(SECRET_TEXT);

    // The command line's revocation, written beside the running server, applies within its check interval.
    const teamWide = await attempt(server, caseB, await server.token('bob', 'viewer'));
    await revokeInDataDir(dataDir, 'bob', null);
    await waitFor(() => again.closes.length > 0 && teamWide.closes.length > 0, 'the CLI’s revocation was not applied');
    expect(teamWide.closes[0]?.code).toBe(4401);
  });

  it('closes a connection when its token expires', async () => {
    const { server, caseA } = await serverWithTwoCases();
    const shortLived = await server.token('tess', 'editor', caseA, 1500);
    const client = await attempt(server, caseA, shortLived);
    expect(client.doc.getText('notes').toString()).toBe(SECRET_TEXT);
    await waitFor(() => client.closes.length > 0, 'the expired connection stayed open', 5000);
    expect(client.closes[0]).toEqual({ code: 4401, reason: expect.stringMatching(/expired/) });
  });

  it('answers blob requests by the token alone: another case’s token cannot learn whether a file exists', async () => {
    const { server, caseA, caseB } = await serverWithTwoCases();
    const bytes = new TextEncoder().encode('evidence');
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const put = await fetch(`${server.url}/cases/${caseA}/blobs/${sha}`, {
      method: 'PUT',
      body: bytes,
      headers: { authorization: `Bearer ${server.ownerToken}` },
    });
    expect(put.status).toBe(201);
    const other = { authorization: `Bearer ${await server.token('bob', 'owner', caseB)}` };
    const held = await fetch(`${server.url}/cases/${caseA}/blobs/${sha}`, { headers: other });
    const absent = await fetch(`${server.url}/cases/${caseA}/blobs/${'1'.repeat(64)}`, { headers: other });
    expect([held.status, absent.status]).toEqual([403, 403]);
    expect(await held.json()).toEqual(await absent.json());
    const custody = await fetch(`${server.url}/cases/${caseA}/custody`, { headers: other });
    expect(custody.status).toBe(403);
  });
});

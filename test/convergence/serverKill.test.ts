import { initCase, isCaseInitialized, newCaseId } from '@casefile/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Editor } from './caseEdits.js';
import { caseProblems, contentIndex, readCase, sameDocument } from './caseState.js';
import { SyncClient, sleep, waitUntil } from './client.js';
import { type RunConfig, readConfig, withReplayHint } from './config.js';
import { randomEdit } from './edits.js';
import { Random } from './random.js';
import { ServerProcess } from './serverProcess.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const config = readConfig();

/**
 * The server's promise: an update is on disk before anyone else receives it. So whatever a client
 * received from the server, in any connection before any crash, must be in the document a fresh
 * client gets after the last crash, with no other client online to send it again.
 */
async function killAtRandom(config: RunConfig): Promise<void> {
  // Its own stream, so that this test's choices do not depend on the convergence test's.
  const random = new Random(config.seed ^ 0x5eed);
  const timing = random.fork();
  const server = await ServerProcess.start();
  cleanups.push(() => server.dispose());
  const room = newCaseId();
  const clients = ['A', 'B'].map(
    (name) => new SyncClient(name, server.wsUrl, room, { connect: false, token: server.token }),
  );
  cleanups.push(() => {
    for (const client of clients) client.destroy();
  });
  const editors: Editor[] = clients.map((client, index) => ({
    doc: client.doc,
    who: { id: `install-${client.name}`, name: `Investigator ${client.name}` },
    random: random.fork(),
    clock: Date.parse('2026-05-01T09:00:00.000Z') + index,
    clockStride: clients.length,
  }));
  const [alice, bob] = clients as [SyncClient, SyncClient];
  const creator = editors[0] as Editor;
  initCase(alice.doc, { title: 'Killed at random' }, { by: creator.who, now: new Date(creator.clock) });
  for (const client of clients) client.goOnline();
  await waitUntil(
    () => clients.every((client) => client.synced && isCaseInitialized(client.doc)),
    () => 'both clients connect and receive the new case',
    30_000,
  );

  // Both edit continuously, online or not, until the last kill: about a hundred edits a second
  // together, fast typing for two people, which the server (one fsync per update) keeps up with.
  let editing = true;
  let edits = 0;
  const editingLoops = editors.map(async (editor) => {
    while (editing) {
      for (let burst = editor.random.int(1, 3); burst > 0; burst--, edits++) randomEdit(editor);
      await sleep(editor.random.int(5, 30));
    }
  });
  // How many updates the server had sent the two when each kill came.
  const sentAtKill: number[] = [];
  const resyncSeconds: number[] = [];
  const startedAt = performance.now();
  try {
    for (let kill = 1; kill <= config.kills; kill++) {
      // A random moment once both are back in sync, so that every kill hits a case in motion.
      const relaunched = performance.now();
      await waitUntil(
        () => alice.synced && bob.synced,
        () => `both clients reconnect after kill ${kill - 1}`,
        30_000,
      );
      resyncSeconds.push((performance.now() - relaunched) / 1000);
      await sleep(timing.int(300, 1500));
      await server.kill();
      sentAtKill.push(alice.fromServer.length + bob.fromServer.length);
      if (kill === config.kills) {
        // Nobody may send anything to the next server: what it has, it has from disk.
        editing = false;
        alice.goOffline();
        bob.goOffline();
        break;
      }
      await sleep(timing.int(0, 400));
      await server.launch();
    }
  } finally {
    editing = false;
    await Promise.all(editingLoops);
  }
  const seconds = (performance.now() - startedAt) / 1000;

  await server.launch();
  const fresh = new SyncClient('fresh', server.wsUrl, room, { token: server.token });
  cleanups.push(() => fresh.destroy());
  await waitUntil(
    () => fresh.synced,
    () => 'a fresh client connects after the last kill',
    30_000,
  );

  const lostFrom = contentIndex(fresh.doc);
  for (const client of clients) {
    // Everything the server sent: each update, inserts and deletions, is on its disk.
    const lost = client.fromServer.flatMap((update, index) =>
      lostFrom(update).map((what) => `message ${index}: ${what}`),
    );
    expect(lost, `what the server sent ${client.name} but lost`).toEqual([]);
    // The same, all at once: applying all of it to a copy of the fresh document changes nothing.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(fresh.doc));
    Y.applyUpdate(copy, Y.mergeUpdates(client.fromServer));
    expect(sameDocument(copy, fresh.doc), `what the server sent ${client.name}, merged, adds nothing`).toBe(true);
    // What the client's document took from the server (update events with the provider as
    // origin): every insert is on disk. Their deletions may include ones the client derived from
    // its own unsent edits (see SyncClient.received); the server's deletions are checked above.
    const notStored = client.received.flatMap((update, index) =>
      lostFrom(update, { deletions: false }).map((what) => `update event ${index}: ${what}`),
    );
    expect(notStored, `inserts ${client.name} took from the server but the server lost`).toEqual([]);
  }
  // The model reads whatever the crash left. That can be a partial state (README: "What the
  // suite found"); it is whole again once the editors reconnect, which is checked below.
  expect(() => readCase(fresh.doc)).not.toThrow();
  // Most kills hit a case in motion: the server relayed edits (beyond the sync answer) before them.
  const perConnection = sentAtKill.map((count, index) => count - (sentAtKill[index - 1] ?? 0));
  expect(
    perConnection.filter((count) => count > 2).length,
    `connections in which the server relayed edits before the kill (updates sent per connection: ${perConnection.join(', ')})`,
  ).toBeGreaterThanOrEqual(Math.ceil(config.kills / 2));

  // What the two still held unsent (edits made while the server was down) reaches everyone.
  for (const client of clients) client.goOnline();
  await waitUntil(
    () => clients.every((client) => client.synced && sameDocument(client.doc, fresh.doc)),
    () => 'the editing clients and the fresh one converge after the last kill',
    30_000,
  );
  expect(caseProblems(fresh.doc, room)).toEqual([]);

  console.log(
    [
      `random kills: seed ${config.seed}, ${config.kills} × SIGKILL in ${seconds.toFixed(1)} s of editing (${edits} edits)`,
      `  updates the server sent the two, per connection: ${perConnection.join(', ')}; all ${alice.fromServer.length + bob.fromServer.length} found on disk after the last kill`,
      `  seconds until both were back in sync after each restart: ${resyncSeconds
        .slice(1)
        .map((value) => value.toFixed(1))
        .join(', ')}`,
    ].join('\n'),
  );
}

describe('a server killed at random moments', () => {
  it(`loses nothing any client received from it (${config.kills} kills, seed ${config.seed})`, async () => {
    console.log(`random kills: seed ${config.seed} (replay with CONVERGENCE_SEED=${config.seed})`);
    await withReplayHint(config, () => killAtRandom(config));
  });
});

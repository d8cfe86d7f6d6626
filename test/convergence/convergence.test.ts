import { type Investigator, initCase, isCaseInitialized, newCaseId, readLog } from '@casefile/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Editor } from './caseEdits.js';
import { caseProblems, readCase, sameDocument, sameStateVector } from './caseState.js';
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

/** Clients go offline now and then for a while: about a fifth of the time each is offline. */
const GO_OFFLINE = 0.015;
const COME_BACK = 0.06;

/** Where in the run the server goes down: once cleanly, once as a crash. */
const RESTARTS = [
  { atFraction: 1 / 3, how: 'SIGTERM' },
  { atFraction: 2 / 3, how: 'SIGKILL' },
] as const;

function investigator(index: number): Investigator {
  return { id: `install-${index}`, name: `Investigator ${index}` };
}

async function converge(config: RunConfig): Promise<void> {
  const random = new Random(config.seed);
  const server = await ServerProcess.start();
  cleanups.push(() => server.dispose());
  const room = newCaseId();
  const clients = Array.from(
    { length: config.clients },
    (_, index) => new SyncClient(`client ${index}`, server.wsUrl, room, { connect: false, token: server.token }),
  );
  cleanups.push(() => {
    for (const client of clients) client.destroy();
  });
  const editors: Editor[] = clients.map((client, index) => ({
    doc: client.doc,
    who: investigator(index),
    random: random.fork(),
    clock: Date.parse('2026-05-01T09:00:00.000Z') + index,
    clockStride: config.clients,
  }));

  // Only the client that creates the case writes its initial content, once, before the others have it.
  const creator = editors[0] as Editor;
  initCase(creator.doc, { title: 'Convergence', summary: '' }, { by: creator.who, now: new Date(creator.clock) });
  for (const client of clients) client.goOnline();
  await waitUntil(
    () => clients.every((client) => client.synced && isCaseInitialized(client.doc)),
    () => 'every client connects and receives the new case',
    30_000,
  );

  const total = config.clients * config.ops;
  const done = clients.map(() => 0);
  const edits = new Map<string, number>();
  let made = 0;
  let offlinePeriods = 0;
  let nextRestart = 0;
  let relaunch: Promise<void> = Promise.resolve();
  const startedAt = performance.now();

  while (made < total) {
    for (const index of random.shuffle(clients.map((_, i) => i))) {
      const client = clients[index] as SyncClient;
      const editor = editors[index] as Editor;
      if ((done[index] as number) >= config.ops) {
        if (!client.online) client.goOnline();
        continue;
      }
      if (client.online && random.chance(GO_OFFLINE)) {
        client.goOffline();
        offlinePeriods++;
      } else if (!client.online && random.chance(COME_BACK)) {
        client.goOnline();
      }
      const burst = Math.min(random.int(1, 8), config.ops - (done[index] as number));
      for (let i = 0; i < burst; i++) {
        const name = randomEdit(editor);
        edits.set(name, (edits.get(name) ?? 0) + 1);
      }
      done[index] = (done[index] as number) + burst;
      made += burst;
    }

    for (let restart = RESTARTS[nextRestart]; restart && made >= restart.atFraction * total; ) {
      // The previous restart's server must be up before it goes down again.
      await relaunch;
      if (restart.how === 'SIGTERM') expect(await server.stop(), `the server's exit code after SIGTERM`).toBe(0);
      else await server.kill();
      // Clients keep editing while the server is down and while it starts again.
      relaunch = sleep(random.int(100, 1000)).then(() => server.launch());
      restart = RESTARTS[++nextRestart];
    }
    // Let sockets deliver: sometimes only what is ready, sometimes a few milliseconds' worth.
    await (random.chance(0.5) ? new Promise((resolve) => setImmediate(resolve)) : sleep(random.int(1, 4)));
  }
  const editSeconds = (performance.now() - startedAt) / 1000;
  await relaunch;
  expect(nextRestart, 'server restarts during the run').toBe(RESTARTS.length);

  // The end: everyone online, all replicas converge.
  for (const client of clients) client.goOnline();
  const first = (clients[0] as SyncClient).doc;
  const settleStarted = performance.now();
  await waitUntil(
    () => clients.every((client) => client.synced && sameStateVector(client.doc, first)),
    () =>
      `every client reconnects and holds every edit; state vectors:\n${clients
        .map(
          (client) =>
            `${client.name} synced=${client.synced}: ${JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(client.doc))])}`,
        )
        .join('\n')}\nserver log:\n${server.log}`,
    60_000,
  );
  await waitUntil(
    () => clients.every((client) => sameDocument(client.doc, first)),
    () => 'every client holds the same deletions',
    30_000,
  );
  const settleSeconds = (performance.now() - settleStarted) / 1000;

  // A client that never took part gets the same case from the server alone.
  const fresh = new SyncClient('fresh', server.wsUrl, room, { token: server.token });
  cleanups.push(() => fresh.destroy());
  await waitUntil(
    () => fresh.synced && sameDocument(fresh.doc, first),
    () => 'a fresh client receives the same document',
    30_000,
  );
  const expected = readCase(fresh.doc);
  for (const client of clients) {
    expect(sameDocument(client.doc, fresh.doc), `${client.name}: same Yjs document as the fresh client`).toBe(true);
    expect(readCase(client.doc), `${client.name}: the case reads the same as on the fresh client`).toEqual(expected);
  }
  expect(caseProblems(fresh.doc, room)).toEqual([]);

  // And the server has it on disk: with every client gone, a crash and a restart lose nothing.
  const reference = new Y.Doc();
  Y.applyUpdate(reference, Y.encodeStateAsUpdate(fresh.doc));
  for (const client of [...clients, fresh]) client.destroy();
  await server.kill();
  await server.launch();
  const afterCrash = new SyncClient('after the last crash', server.wsUrl, room, { token: server.token });
  cleanups.push(() => afterCrash.destroy());
  await waitUntil(
    () => afterCrash.synced,
    () => 'a client connects after the last crash',
    30_000,
  );
  expect(sameDocument(afterCrash.doc, reference), 'the stored document after a crash with no client online').toBe(true);

  const size = Y.encodeStateAsUpdate(reference).length;
  console.log(
    [
      `convergence: seed ${config.seed}, ${config.clients} clients × ${config.ops} edits = ${total} edits`,
      `  editing: ${editSeconds.toFixed(1)} s (${Math.round(total / editSeconds)} edits/s) with ${offlinePeriods} offline periods and ${RESTARTS.length} server restarts (${RESTARTS.map((r) => r.how).join(', ')})`,
      `  settling after everyone reconnected: ${settleSeconds.toFixed(1)} s`,
      `  final case: ${(size / 1024).toFixed(0)} KiB, ${expected.claims.length} claims, ${expected.actors.length} actors, ${expected.events.length} events, ${expected.evidence.length} evidence items, ${readLog(reference).length} log entries, ${expected.notes.length} characters of notes`,
      `  edits: ${[...edits.entries()]
        .sort(([, a], [, b]) => b - a)
        .map(([name, count]) => `${name} ${count}`)
        .join(', ')}`,
    ].join('\n'),
  );
}

describe('convergence under offline work and server restarts', () => {
  it(`${config.clients} clients × ${config.ops} random edits end with one identical, valid case (seed ${config.seed})`, async () => {
    console.log(`convergence: seed ${config.seed} (replay with CONVERGENCE_SEED=${config.seed})`);
    await withReplayHint(config, () => converge(config));
  });
});

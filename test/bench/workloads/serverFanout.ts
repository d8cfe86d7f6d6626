import { newCaseId } from '@casefile/model';
import { sleep } from '../../convergence/client.js';
import { SyncServerProcess } from '../../e2e/syncServer.js';
import { BareRelayProcess } from '../bareRelayProcess.js';
import type { BenchOptions } from '../benchOptions.js';
import { FanoutClient, FanoutLedger } from '../fanoutClient.js';
import type { ResultRow } from '../resultTable.js';
import { findProcessByArgument, ProcessMeter } from '../serverProcessInfo.js';
import { formatBytes, formatCount, formatMs, percentile } from '../stats.js';

const W = '3 server fan-out';
const WARM_UP_MS = 2_000;
const DRAIN_MS = 1_000;

interface FanoutResult {
  p50: number;
  p99: number;
  sentPerSecond: number;
  deliveredPerSecond: number;
  cpuShare: number;
  peakRss: number;
  /** Deliveries expected (every update to every other client) that did not arrive before the drain ended. */
  missing: number;
}

/** N clients in one room, each typing `rate` characters a second for `seconds`, against one server. */
async function measureFanout(
  clientUrl: (room: string, index: number) => string,
  waitForGreeting: boolean,
  pid: number | null,
  options: BenchOptions,
): Promise<FanoutResult> {
  const ledger = new FanoutLedger();
  const room = newCaseId();
  const clients = Array.from(
    { length: options.clients },
    (_, index) => new FanoutClient(clientUrl(room, index), ledger),
  );
  try {
    await Promise.all(clients.map((client) => client.opened));
    if (waitForGreeting) await Promise.all(clients.map((client) => client.greeted));
    const interval = 1000 / options.updatesPerSecond;
    // Spread over the interval, as people's keystrokes are: not all 50 in the same millisecond.
    clients.forEach((client, index) => {
      client.startTyping(interval, (index * interval) / clients.length);
    });
    await sleep(WARM_UP_MS);
    const meter = new ProcessMeter(pid);
    meter.start();
    ledger.recording = true;
    const started = performance.now();
    await sleep(options.fanoutSeconds * 1000);
    ledger.recording = false;
    const elapsed = (performance.now() - started) / 1000;
    const sent = ledger.sent;
    const { cpuShare, peakRss } = meter.stop();
    for (const client of clients) client.stopTyping();
    await sleep(DRAIN_MS);
    return {
      p50: percentile(ledger.latencies, 0.5),
      p99: percentile(ledger.latencies, 0.99),
      sentPerSecond: sent / elapsed,
      deliveredPerSecond: ledger.delivered / elapsed,
      cpuShare,
      peakRss,
      missing: sent * (options.clients - 1) - ledger.delivered,
    };
  } finally {
    for (const client of clients) client.close();
  }
}

const percent = (share: number) => (Number.isFinite(share) ? `${Math.round(share * 100)} % of a core` : 'n/a');

export async function serverFanout(_browser: unknown, options: BenchOptions): Promise<ResultRow[]> {
  const server = await SyncServerProcess.start();
  let real: FanoutResult;
  try {
    const wsUrl = server.url.replace(/^http/, 'ws');
    // One person per client, as in a team: the server's message-rate limit is per person.
    const tokens = await Promise.all(
      Array.from({ length: options.clients }, (_, index) => server.token(`bench-${index}`, 'editor')),
    );
    real = await measureFanout(
      (room, index) => `${wsUrl}/${room}?token=${tokens[index]}`,
      true,
      findProcessByArgument(server.dataDir),
      options,
    );
  } finally {
    await server.dispose();
  }
  const relay = await BareRelayProcess.start();
  let bare: FanoutResult;
  try {
    bare = await measureFanout((room) => `${relay.wsUrl}/${room}`, false, relay.pid, options);
  } finally {
    await relay.stop();
  }
  const load = `${options.clients} clients x ${options.updatesPerSecond} updates/s for ${options.fanoutSeconds} s`;
  return [
    {
      workload: W,
      figure: 'delivery latency p50',
      value: formatMs(real.p50),
      baseline: `bare ws ${formatMs(bare.p50)}`,
      ratio: real.p50 / bare.p50,
      note: `${load}; every update stored (fsync) before it is relayed; ${formatCount(real.missing)} deliveries missing at the end (bare: ${formatCount(bare.missing)})`,
    },
    {
      workload: W,
      figure: 'delivery latency p99',
      value: formatMs(real.p99),
      baseline: `bare ws ${formatMs(bare.p99)}`,
      ratio: real.p99 / bare.p99,
      target: '<= 20 ms; <= 2x bare',
      met: real.p99 <= 20 && real.p99 <= 2 * bare.p99,
    },
    {
      workload: W,
      figure: 'updates/s sent; delivered',
      value: `${formatCount(real.sentPerSecond)}; ${formatCount(real.deliveredPerSecond)}`,
      baseline: `${formatCount(bare.sentPerSecond)}; ${formatCount(bare.deliveredPerSecond)}`,
      ratio: real.deliveredPerSecond / bare.deliveredPerSecond,
    },
    {
      workload: W,
      figure: 'server CPU',
      value: percent(real.cpuShare),
      baseline: percent(bare.cpuShare),
      ratio: real.cpuShare / bare.cpuShare,
      target: '<= 2x bare',
      met: real.cpuShare <= 2 * bare.cpuShare,
    },
    {
      workload: W,
      figure: 'server memory (peak RSS)',
      value: formatBytes(real.peakRss),
      baseline: formatBytes(bare.peakRss),
      ratio: real.peakRss / bare.peakRss,
    },
  ];
}

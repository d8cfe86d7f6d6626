import { parseArgs } from 'node:util';

/** Every size a workload takes; README.md lists them with their flags and environment variables. */
export interface BenchOptions {
  evidence: number;
  events: number;
  actors: number;
  noteWords: number;
  keystrokes: number;
  clients: number;
  updatesPerSecond: number;
  fanoutSeconds: number;
  offlineOps: number;
  exportItems: number;
  /** Which workloads to run (1-6); all by default. */
  only: Set<number>;
}

interface Setting {
  key: Exclude<keyof BenchOptions, 'only'>;
  flag: string;
  env: string;
  fallback: number;
}

export const SETTINGS: readonly Setting[] = [
  { key: 'evidence', flag: 'evidence', env: 'BENCH_EVIDENCE', fallback: 5_000 },
  { key: 'events', flag: 'events', env: 'BENCH_EVENTS', fallback: 1_000 },
  { key: 'actors', flag: 'actors', env: 'BENCH_ACTORS', fallback: 200 },
  { key: 'noteWords', flag: 'words', env: 'BENCH_WORDS', fallback: 100_000 },
  { key: 'keystrokes', flag: 'keystrokes', env: 'BENCH_KEYSTROKES', fallback: 1_000 },
  { key: 'clients', flag: 'clients', env: 'BENCH_CLIENTS', fallback: 50 },
  { key: 'updatesPerSecond', flag: 'rate', env: 'BENCH_RATE', fallback: 20 },
  { key: 'fanoutSeconds', flag: 'seconds', env: 'BENCH_SECONDS', fallback: 15 },
  { key: 'offlineOps', flag: 'offline-ops', env: 'BENCH_OFFLINE_OPS', fallback: 10_000 },
  { key: 'exportItems', flag: 'export-items', env: 'BENCH_EXPORT_ITEMS', fallback: 500 },
];

export const WORKLOADS = [1, 2, 3, 4, 5, 6] as const;

function wholeNumber(raw: string, source: string): number {
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${source} must be a whole number of at least 1, not ${JSON.stringify(raw)}.`);
  }
  return value;
}

/** Flags win over environment variables, which win over the defaults. */
export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const { values } = parseArgs({
    // `pnpm bench -- --clients 10` passes the `--` through.
    args: argv[0] === '--' ? argv.slice(1) : [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      ...Object.fromEntries(SETTINGS.map((setting) => [setting.flag, { type: 'string' as const }])),
      only: { type: 'string' },
    },
  });
  const options = { only: new Set<number>(WORKLOADS) } as BenchOptions;
  for (const setting of SETTINGS) {
    const flag = (values as Record<string, string | undefined>)[setting.flag];
    const fromEnv = env[setting.env];
    if (typeof flag === 'string') options[setting.key] = wholeNumber(flag, `--${setting.flag}`);
    else if (fromEnv !== undefined && fromEnv.trim() !== '') options[setting.key] = wholeNumber(fromEnv, setting.env);
    else options[setting.key] = setting.fallback;
  }
  const only = typeof values.only === 'string' ? values.only : env.BENCH_ONLY;
  if (only !== undefined && only.trim() !== '') {
    const chosen = only.split(',').map((part) => wholeNumber(part, '--only'));
    const unknown = chosen.filter((each) => !(WORKLOADS as readonly number[]).includes(each));
    if (unknown.length > 0) throw new Error(`--only takes workload numbers 1-6, not ${unknown.join(', ')}.`);
    options.only = new Set(chosen);
  }
  return options;
}

import { randomInt } from 'node:crypto';

/** What a run is made of, from the environment (see README.md beside this file). */
export interface RunConfig {
  seed: number;
  clients: number;
  /** Operations per client. */
  ops: number;
  /** Server kills (SIGKILL) in the random-kill test. */
  kills: number;
}

function positiveInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || !Number.isSafeInteger(Number(raw))) {
    throw new Error(`${name} must be a whole number of at least ${min}, not ${JSON.stringify(raw)}.`);
  }
  return Number(raw);
}

/** Each call without `CONVERGENCE_SEED` draws a new seed, which the test prints so a failure can be replayed. */
export function readConfig(): RunConfig {
  return {
    seed: positiveInt('CONVERGENCE_SEED', randomInt(1, 2 ** 31), 0),
    clients: positiveInt('CONVERGENCE_CLIENTS', 4, 2),
    ops: positiveInt('CONVERGENCE_OPS', 2500),
    kills: positiveInt('CONVERGENCE_KILLS', 5),
  };
}

/** Runs `body`; a failure's message starts with the settings that replay it. */
export async function withReplayHint(config: RunConfig, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const hint = `[replay: CONVERGENCE_SEED=${config.seed} CONVERGENCE_CLIENTS=${config.clients} CONVERGENCE_OPS=${config.ops} CONVERGENCE_KILLS=${config.kills}]`;
    if (error instanceof Error) {
      error.message = `${hint} ${error.message}`;
      throw error;
    }
    throw new Error(`${hint} ${String(error)}`);
  }
}

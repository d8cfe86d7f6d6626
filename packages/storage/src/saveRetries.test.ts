import { describe, expect, it } from 'vitest';
import { type PendingSave, SaveCancelledError, SaveRetries } from './saveRetries.js';
import { eventually } from './testDatabases.js';

const full = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

function retriesForTest() {
  const retries = new SaveRetries({ initialMs: 5, maxMs: 20 });
  const seen: (readonly PendingSave[])[] = [];
  retries.subscribe((pending) => seen.push(pending));
  return { retries, seen, latest: () => seen.at(-1) ?? [] };
}

describe('saves retried until they succeed', () => {
  it('lists a failed save with a QuotaError, retries it, and drops it from the list once it succeeds', async () => {
    const { retries, latest } = retriesForTest();
    let attempts = 0;
    const saved = retries.keepTrying('doc/1', 'Changes to the case “Astana”', full(), async () => {
      attempts++;
      if (attempts < 3) throw full();
    });
    expect(latest().map((save) => save.what)).toEqual(['Changes to the case “Astana”']);
    expect(latest()[0]?.error.name).toBe('QuotaError');
    expect(latest()[0]?.error.message).toMatch(
      /^This device is out of storage space for Casefile: changes to the case/,
    );
    await saved;
    expect(attempts).toBe(3);
    expect(latest()).toEqual([]);
  });

  it('goes once more when it failed again while an attempt was running', async () => {
    const { retries } = retriesForTest();
    let attempts = 0;
    let finish: () => void = () => {};
    const saved = retries.keepTrying('doc/1', 'Changes', full(), async () => {
      attempts++;
      if (attempts === 1) await new Promise<void>((resolve) => (finish = resolve));
    });
    await eventually(() => attempts === 1, 'the first retry should start');
    // A newer change failed to save while the first retry was under way: it may not cover it.
    retries.keepTrying('doc/1', 'Changes', full(), async () => {
      attempts++;
    });
    finish();
    await saved;
    expect(attempts).toBe(2);
  });

  it('tries everything at once on retryNow, and rejects a save given up', async () => {
    const retries = new SaveRetries({ initialMs: 60_000, maxMs: 60_000 });
    let stored = false;
    const saved = retries.keepTrying('blob/1', 'The file a.bin', full(), async () => {
      stored = true;
    });
    const dropped = retries.keepTrying('blob/2', 'The file b.bin', full(), async () => {});
    retries.cancel('blob/2', new SaveCancelledError('given up'));
    await expect(dropped).rejects.toBeInstanceOf(SaveCancelledError);
    retries.retryNow();
    await saved;
    expect(stored).toBe(true);
    expect(retries.has('blob/1')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { ReadCancelledError, VerifiedUrlCache } from './verifiedUrlCache';

/** A read that finishes when the test says so. */
function deferredRead() {
  let finish: (blob: Blob) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const promise = new Promise<Blob>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { promise, finish, fail };
}

function cacheForTest(concurrency = 2, keepUnused = 1) {
  let made = 0;
  const revoked: string[] = [];
  const cache = new VerifiedUrlCache({
    concurrency,
    keepUnused,
    createUrl: () => `blob:test/${++made}`,
    revokeUrl: (url) => revoked.push(url),
  });
  return { cache, revoked, made: () => made };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('VerifiedUrlCache', () => {
  it('reads each hash once for all its images and keeps the URL for scrolling back', async () => {
    const { cache, revoked } = cacheForTest();
    let reads = 0;
    const load = async () => {
      reads++;
      return new Blob(['x']);
    };
    const first = cache.acquire('a', load);
    const second = cache.acquire('a', load);
    expect(await first.url).toBe('blob:test/1');
    expect(await second.url).toBe('blob:test/1');
    first.release();
    second.release();
    const again = cache.acquire('a', load);
    expect(await again.url).toBe('blob:test/1');
    expect(reads).toBe(1);
    expect(revoked).toEqual([]);
  });

  it('runs only a few reads at once and skips those nobody waits for any more', async () => {
    const { cache } = cacheForTest(1);
    const a = deferredRead();
    let bStarted = false;
    const leaseA = cache.acquire('a', () => a.promise);
    const leaseB = cache.acquire('b', async () => {
      bStarted = true;
      return new Blob(['b']);
    });
    await flush();
    expect(bStarted).toBe(false);
    leaseB.release();
    a.finish(new Blob(['a']));
    await leaseA.url;
    await expect(leaseB.url).rejects.toBeInstanceOf(ReadCancelledError);
    expect(bStarted).toBe(false);
  });

  it('never caches a failed read: the next image verifies again', async () => {
    const { cache } = cacheForTest();
    const integrity = Object.assign(new Error('changed'), { name: 'IntegrityError' });
    const failing = cache.acquire('a', async () => {
      throw integrity;
    });
    await expect(failing.url).rejects.toBe(integrity);
    failing.release();
    const retried = cache.acquire('a', async () => new Blob(['a']));
    expect(await retried.url).toBe('blob:test/1');
  });

  it('revokes the oldest unused URLs beyond what it keeps, and all on close', async () => {
    const { cache, revoked } = cacheForTest(2, 1);
    const load = async () => new Blob(['x']);
    const a = cache.acquire('a', load);
    const b = cache.acquire('b', load);
    const urlA = await a.url;
    const urlB = await b.url;
    a.release();
    expect(revoked).toEqual([]);
    b.release();
    expect(revoked).toEqual([urlA]);
    cache.close();
    expect(revoked).toEqual([urlA, urlB]);
  });
});

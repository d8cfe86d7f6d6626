import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserOnlineSource } from './onlineSource.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the browser’s online state', () => {
  it('follows navigator.onLine and the window’s online/offline events', () => {
    const window = new EventTarget();
    const navigator = { onLine: true };
    vi.stubGlobal('window', window);
    vi.stubGlobal('navigator', navigator);
    const source = browserOnlineSource();
    const heard: boolean[] = [];
    const stop = source.subscribe((online) => heard.push(online));

    navigator.onLine = false;
    window.dispatchEvent(new Event('offline'));
    expect(source.isOnline()).toBe(false);
    navigator.onLine = true;
    window.dispatchEvent(new Event('online'));
    stop();
    window.dispatchEvent(new Event('offline'));
    expect(heard).toEqual([false, true]);
  });

  it('is always online where there is no window (Node)', () => {
    vi.stubGlobal('window', undefined);
    vi.stubGlobal('navigator', undefined);
    const source = browserOnlineSource();
    expect(source.isOnline()).toBe(true);
    source.subscribe(() => {})();
  });
});

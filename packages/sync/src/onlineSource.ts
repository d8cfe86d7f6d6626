/** Whether the device has a network, and news of changes. */
export interface OnlineSource {
  isOnline(): boolean;
  /** Calls `listener` when the answer may have changed. Returns an unsubscribe. */
  subscribe(listener: (online: boolean) => void): () => void;
}

/**
 * The browser's view: navigator.onLine and the window's online/offline events. Sockets alone are
 * not enough: a dropped network (and Playwright's setOffline) can leave a socket looking open.
 * Where there is no window (Node), always online.
 */
export function browserOnlineSource(): OnlineSource {
  const hasWindow = typeof window !== 'undefined' && typeof window.addEventListener === 'function';
  const isOnline = () => (typeof navigator !== 'undefined' && 'onLine' in navigator ? navigator.onLine : true);
  return {
    isOnline,
    subscribe(listener) {
      if (!hasWindow) return () => {};
      const onChange = () => listener(isOnline());
      window.addEventListener('online', onChange);
      window.addEventListener('offline', onChange);
      return () => {
        window.removeEventListener('online', onChange);
        window.removeEventListener('offline', onChange);
      };
    },
  };
}

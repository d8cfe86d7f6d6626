/**
 * A token bucket per user (shared by all their sockets, so reconnecting does not refill it):
 * `perSecond` messages a second on average, bursts up to `burst`.
 * A client typing sends a few messages a second; reconnecting after offline work sends one large
 * sync step 2, not many messages. A connection over the limit is closed (connection.ts) and its
 * y-websocket client reconnects after a back-off.
 */
export interface MessageRateLimit {
  perSecond: number;
  burst: number;
}

export const DEFAULT_MESSAGE_RATE: MessageRateLimit = { perSecond: 300, burst: 1500 };

export class MessageRate {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: MessageRateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limit.burst;
    this.last = now();
  }

  /** Takes one message from the bucket; false when the connection is over its limit. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

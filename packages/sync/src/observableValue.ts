/** A value that changes over time, readable now and observable (fits React's useSyncExternalStore). */
export interface Observable<T> {
  /** The current value; the same object until it changes. */
  get(): T;
  /** Calls `listener` with each new value (not with the current one). Returns an unsubscribe. */
  subscribe(listener: (value: T) => void): () => void;
}

/** An Observable the owner can set; listeners hear only real changes. */
export class ObservableValue<T> implements Observable<T> {
  private value: T;
  private readonly listeners = new Set<(value: T) => void>();

  constructor(
    initial: T,
    private readonly equals: (a: T, b: T) => boolean = Object.is,
  ) {
    this.value = initial;
  }

  get = (): T => this.value;

  subscribe = (listener: (value: T) => void): (() => void) => {
    // Wrapped, so that subscribing the same function twice gives two independent subscriptions.
    const entry = (value: T) => listener(value);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  };

  set(value: T): void {
    if (this.equals(this.value, value)) return;
    this.value = value;
    for (const listener of [...this.listeners]) listener(value);
  }

  clear(): void {
    this.listeners.clear();
  }
}

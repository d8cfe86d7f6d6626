/**
 * mulberry32: a tiny seeded PRNG (32-bit state). A run's choices follow from its seed alone, so a
 * failing seed replays the same operations (network timing aside).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Latin, Cyrillic (cases are often about Russian-language sources), accents and an emoji, so that
// multi-byte and surrogate-pair text goes through every merge.
const WORDS = [
  'NATO',
  'centre',
  'Astana',
  'channel',
  'posted',
  'photo',
  'video',
  'claim',
  'source',
  'Telegram',
  'archived',
  'Москва',
  'источник',
  'фейк',
  'café',
  'Zürich',
  '✅',
  '🛰️',
];

const HEX = '0123456789abcdef';

export class Random {
  private readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next();
  }

  /** An integer from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Random.pick needs at least one item.');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Up to `max` distinct items, in random order. */
  subset<T>(items: readonly T[], max: number): T[] {
    return this.shuffle(items).slice(0, this.int(0, Math.min(max, items.length)));
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  words(min: number, max: number): string {
    return Array.from({ length: this.int(min, max) }, () => this.pick(WORDS)).join(' ');
  }

  /** 64 lowercase hex digits: a SHA-256 as the model stores it (the bytes are not part of these tests). */
  sha256(): string {
    return Array.from({ length: 64 }, () => HEX[this.int(0, 15)]).join('');
  }

  /** A seed for another generator, so that each client draws from its own stream. */
  fork(): Random {
    return new Random(this.int(0, 0xffffffff));
  }
}

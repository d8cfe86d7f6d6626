import type { RoomLease } from '@casefile/sync';
import type { Provider } from '@lexical/yjs';

/**
 * A room lease is what Lexical's collaboration plugin takes as `provider` (same methods, same
 * y-protocols Awareness at run time). Only the declared types differ: y-protocols types the
 * awareness state as a plain record, Lexical as its own UserState. This is the one place that
 * bridges the two declarations.
 */
export function asLexicalProvider(lease: RoomLease): Provider {
  return lease as unknown as Provider;
}

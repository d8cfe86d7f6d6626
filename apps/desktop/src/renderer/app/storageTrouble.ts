import { OUT_OF_SPACE } from '@casefile/storage';

/** What a save waiting to be retried is, as @casefile/storage lists it (watchPendingSaves). */
export interface WaitingSave {
  what: string;
  error: Error;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** "a", "a and b", "a, b, c and d", "a, b, c and 3 more". */
function listOf(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  if (parts.length > 4) return `${parts.slice(0, 3).join(', ')} and ${parts.length - 3} more`;
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function isQuota(error: Error): boolean {
  return error.name === 'QuotaError';
}

/** The innermost error's name, e.g. "AbortError": enough to report without burying the sentence. */
function causeName(error: Error): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5; depth++) {
    const cause = (current as { cause?: unknown; inner?: unknown }).cause ?? (current as { inner?: unknown }).inner;
    if (!(cause instanceof Error)) break;
    current = cause;
  }
  return current instanceof Error ? current.name : 'Error';
}

/**
 * The alert shown while saves wait to be retried: what waits, why, that what was saved before is
 * safe and that Casefile keeps trying by itself.
 */
export function describeWaitingSaves(saves: readonly WaitingSave[]): string {
  const what = listOf([...new Set(saves.map((save) => lowerFirst(save.what)))]);
  if (saves.some((save) => isQuota(save.error))) {
    return `${OUT_OF_SPACE} ${what} could not be saved yet. Your earlier work is safe; free some space — Casefile retries saving automatically.`;
  }
  const first = saves[0];
  const why = first ? ` (${causeName(first.error)})` : '';
  return `Casefile could not save ${what} yet${why}. Your earlier work is safe; Casefile retries saving automatically.`;
}

export const SAVED_AGAIN = 'Saved: everything that was waiting is now stored on this device.';

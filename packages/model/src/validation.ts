import type { z } from 'zod';
import { ValidationError } from './errors.js';

/**
 * Parses `value` with `schema`, turning the first problem into a `ValidationError`. Every schema in
 * this package carries its own messages (what was wrong and what to do), so the first issue's
 * message is shown as it is.
 */
export function parse<T>(schema: z.ZodType<T>, value: unknown, field?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message = result.error.issues[0]?.message ?? 'This value is not valid.';
  throw new ValidationError(message, field === undefined ? {} : { field });
}

/** True for an absolute http(s) address with a host: what a link, a claim or an actor may point to. */
export function isWebAddress(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Shortens long text for the activity log and labels; the item itself keeps the full text. */
export function abbreviate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

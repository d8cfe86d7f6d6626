import type { LocalUser } from '@casefile/sync';

/** Cursor colours that read well on white, with white text on them (the name label). */
export const USER_COLOURS = ['#b03a2e', '#1f618d', '#117a65', '#7d3c98', '#a04000', '#a3246b', '#3949ab', '#5d6d1e'];

export const MAX_NAME_LENGTH = 60;

export function defaultLocalUser(random: () => number = Math.random): LocalUser {
  const number = 100 + Math.floor(random() * 900);
  const colour = USER_COLOURS[Math.floor(random() * USER_COLOURS.length)] ?? '#1f618d';
  return { name: `Investigator ${number}`, color: colour };
}

export type LocalUserCheck = { ok: true; user: LocalUser } | { ok: false; error: string };

/** Checks the name and colour typed in Settings: what others see beside this person's cursor. */
export function checkLocalUser(name: string, color: string): LocalUserCheck {
  const trimmed = name.trim();
  if (trimmed === '') return { ok: false, error: 'Type the name your colleagues will see beside your cursor.' };
  if (trimmed.length > MAX_NAME_LENGTH) {
    return { ok: false, error: `A name is at most ${MAX_NAME_LENGTH} characters; shorten it.` };
  }
  if (!/^#[0-9a-f]{6}$/i.test(color)) return { ok: false, error: 'Pick a colour from the colour field.' };
  return { ok: true, user: { name: trimmed, color: color.toLowerCase() } };
}

/** A stored value is used only if it is still a valid user (settings may come from an older app). */
export function readStoredLocalUser(value: unknown): LocalUser | null {
  if (typeof value !== 'object' || value === null) return null;
  const { name, color } = value as { name?: unknown; color?: unknown };
  if (typeof name !== 'string' || typeof color !== 'string') return null;
  const check = checkLocalUser(name, color);
  return check.ok ? check.user : null;
}

import type { LocalUser } from '@casefile/sync';

/** Cursor colours that read well on white, with white text on them (the name label). */
export const USER_COLOURS = ['#b03a2e', '#1f618d', '#117a65', '#7d3c98', '#a04000', '#a3246b', '#3949ab', '#5d6d1e'];

export const MAX_NAME_LENGTH = 60;

/**
 * The 'localUser' setting: the name and colour colleagues see, and a random id made once for
 * this installation. The id, not the name, says who wrote an entry of a case's activity log, so
 * renaming oneself does not make one's earlier work look like someone else's.
 */
export interface StoredLocalUser extends LocalUser {
  id: string;
}

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const ID_LENGTH = 20;
const ID_PATTERN = /^[0-9a-z]{20}$/;

/** 20 characters of 36 (about 103 bits): two installations never pick the same id. */
export function newInvestigatorId(randomBytes: (length: number) => Uint8Array = defaultRandomBytes): string {
  let id = '';
  for (const byte of randomBytes(ID_LENGTH)) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return id;
}

function defaultRandomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

export function isInvestigatorId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

export function defaultLocalUser(random: () => number = Math.random, id = newInvestigatorId()): StoredLocalUser {
  const number = 100 + Math.floor(random() * 900);
  const colour = USER_COLOURS[Math.floor(random() * USER_COLOURS.length)] ?? '#1f618d';
  return { id, name: `Investigator ${number}`, color: colour };
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

/**
 * A stored value is used only if it is still a valid user (settings may come from an older app).
 * A user stored before ids existed gets one here; `lacksInvestigatorId` tells the app to store
 * it, once, so that it stays the same from now on.
 */
export function readStoredLocalUser(value: unknown, makeId: () => string = newInvestigatorId): StoredLocalUser | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, name, color } = value as { id?: unknown; name?: unknown; color?: unknown };
  if (typeof name !== 'string' || typeof color !== 'string') return null;
  const check = checkLocalUser(name, color);
  if (!check.ok) return null;
  return { id: isInvestigatorId(id) ? id : makeId(), ...check.user };
}

/** True for a stored setting written before installations had an id. */
export function lacksInvestigatorId(stored: unknown): boolean {
  return !isInvestigatorId((stored as { id?: unknown } | null | undefined)?.id);
}

/** The user to keep in settings: `user`'s name and colour with the installation's id. */
export function withInvestigatorId(user: LocalUser, id: string): StoredLocalUser {
  return { id, name: user.name, color: user.color };
}

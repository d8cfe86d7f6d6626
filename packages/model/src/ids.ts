const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const ID_LENGTH = 24;

/**
 * A case id doubles as the sync room name, so it must be unguessable:
 * 24 characters from 36 give about 124 bits of randomness.
 */
export function newCaseId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(ID_LENGTH));
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

const CASE_ID_PATTERN = /^[0-9a-z]{24}$/;

export function isCaseId(value: unknown): value is string {
  return typeof value === 'string' && CASE_ID_PATTERN.test(value);
}

const ITEM_ID_LENGTH = 20;

/**
 * Id of a claim, actor, event or evidence item. Made on the client that adds the item, so two
 * investigators adding items offline never pick the same one: 20 characters give about 103 bits.
 */
export function newItemId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(ITEM_ID_LENGTH));
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

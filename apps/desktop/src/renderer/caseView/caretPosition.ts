/**
 * Where a caret at `caret` in `before` belongs once the text has become `after` through someone
 * else's edit: the edit is located by the common prefix and suffix, and a caret after it moves
 * by the change in length. Keeps a person's caret in place while a collaborator types elsewhere
 * in the same field.
 */
export function carryCaret(before: string, after: string, caret: number): number {
  let prefix = 0;
  const maxPrefix = Math.min(before.length, after.length);
  while (prefix < maxPrefix && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  const maxSuffix = Math.min(before.length, after.length) - prefix;
  while (suffix < maxSuffix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  if (caret <= prefix) return caret;
  const changedEnd = before.length - suffix;
  if (caret >= changedEnd) return caret + (after.length - before.length);
  return Math.min(caret, after.length - suffix);
}

/** Tags typed into the tag box: commas separate them, spaces around them are dropped. */
export function splitTags(input: string): string[] {
  return input
    .split(',')
    .map((tag) => tag.trim().replace(/\s+/g, ' '))
    .filter((tag) => tag !== '');
}

/** `existing` plus the new tags that are not already there (compared regardless of case). */
export function mergeTags(existing: readonly string[], added: readonly string[]): string[] {
  const seen = new Set(existing.map((tag) => tag.toLocaleLowerCase()));
  const merged = [...existing];
  for (const tag of added) {
    const key = tag.toLocaleLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(tag);
  }
  return merged;
}

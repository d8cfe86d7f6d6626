import type { CasefileDatabase } from './database.js';
import { writeFailure } from './errors.js';

export async function getSetting<T>(db: CasefileDatabase, key: string): Promise<T | undefined> {
  const row = await db.settings.get(key);
  return row?.value as T | undefined;
}

export async function putSetting(db: CasefileDatabase, key: string, value: unknown): Promise<void> {
  try {
    await db.settings.put({ key, value });
  } catch (error) {
    throw writeFailure(error, `The setting "${key}"`);
  }
}

/**
 * Asks the browser not to evict Casefile's storage under pressure. Resolves true when storage is
 * (now) persistent, false when the browser declines or cannot say.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persist) return false;
  try {
    if (await storage.persisted()) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}

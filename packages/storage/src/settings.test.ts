import { afterEach, describe, expect, it } from 'vitest';
import { getSetting, putSetting, requestPersistentStorage } from './settings.js';
import { TestDatabases } from './testDatabases.js';

const databases = new TestDatabases();
afterEach(() => databases.cleanUp());

describe('settings', () => {
  it('are kept across a reload, and absent ones read as undefined', async () => {
    const name = databases.name();
    const db = await databases.openDatabase(name);
    await putSetting(db, 'syncServer', { url: 'https://sync.example.org' });
    await putSetting(db, 'userName', 'Aigerim');
    db.close();

    const reopened = await databases.openDatabase(name);
    expect(await getSetting(reopened, 'syncServer')).toEqual({ url: 'https://sync.example.org' });
    expect(await getSetting<string>(reopened, 'userName')).toBe('Aigerim');
    expect(await getSetting(reopened, 'missing')).toBeUndefined();
  });

  it('asking for persistent storage answers yes or no without throwing', async () => {
    expect(typeof (await requestPersistentStorage())).toBe('boolean');
  });
});

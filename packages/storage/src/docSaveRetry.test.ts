import { readMeta, setSummary, setTitle } from '@casefile/model';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireCaseDoc, acquireWorkspaceDoc, createCase } from './caseDocuments.js';
import { CASE_UPDATES_TABLE, type CasefileDatabase } from './database.js';
import { DocSaveRetry } from './docSaveRetry.js';
import { type PendingSave, retryPendingSavesNow, watchPendingSaves } from './saveRetries.js';
import { eventually, TestDatabases } from './testDatabases.js';

const byTester = { by: { id: 'tester', name: 'Test investigator' } };

const databases = new TestDatabases();
afterEach(() => databases.cleanUp());

async function saved(db: CasefileDatabase): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await db.table(CASE_UPDATES_TABLE).count();
}

describe('storing again the changes y-dexie failed to store', () => {
  it('writes what the stored updates lack, a lost change before a stored one included', async () => {
    const name = databases.name();
    const db = await databases.openDatabase(name);
    const workspace = await acquireWorkspaceDoc(db);
    const id = await createCase(db, workspace.doc, { title: 'Before the disk filled up' });
    const lease = await acquireCaseDoc(db, id);
    await saved(db);
    const before = (await db.table(CASE_UPDATES_TABLE).where('k').equals(id).primaryKeys()) as number[];

    setTitle(lease.doc, 'Lost write', byTester);
    await saved(db);
    const lost = ((await db.table(CASE_UPDATES_TABLE).where('k').equals(id).primaryKeys()) as number[]).filter(
      (key) => !before.includes(key),
    );
    setSummary(lease.doc, 'Stored after the lost write', byTester);
    await saved(db);
    // As if y-dexie's write of the title had failed: the later summary is stored, the title is not.
    await db.table(CASE_UPDATES_TABLE).bulkDelete(lost);

    const pending: (readonly PendingSave[])[] = [];
    const stop = watchPendingSaves(db, (list) => pending.push(list));
    new DocSaveRetry(db, CASE_UPDATES_TABLE, id, lease.doc, () => 'Changes to the case “Lost write”').failed(
      new DOMException('full', 'QuotaExceededError'),
    );
    expect(pending.at(-1)?.map((save) => save.what)).toEqual(['Changes to the case “Lost write”']);
    retryPendingSavesNow(db);
    await eventually(() => pending.at(-1)?.length === 0, 'the missing changes should be stored');
    stop();
    lease.release();
    workspace.release();
    db.close();

    const reloaded = await databases.openDatabase(name);
    const again = await acquireCaseDoc(reloaded, id);
    expect(readMeta(again.doc)).toMatchObject({ title: 'Lost write', summary: 'Stored after the lost write' });
    again.release();
  });
});

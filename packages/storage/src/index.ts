export {
  acquireCaseDoc,
  acquireWorkspaceDoc,
  createCase,
  type DocLease,
  listLocalCaseIds,
  onStorageError,
} from './caseDocuments.js';
export {
  CasefileDatabase,
  type CaseRow,
  type CaseRowInsert,
  DB_VERSION,
  openDatabase,
  type Role,
  type SettingRow,
  type WorkspaceRow,
  type WorkspaceRowInsert,
} from './database.js';
export { QuotaError, StorageError } from './errors.js';
export { getSetting, putSetting, requestPersistentStorage } from './settings.js';

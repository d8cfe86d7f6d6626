export {
  getBlob,
  hasBlob,
  type LocalBlobStore,
  localBlobStore,
  type PutBlobOptions,
  type PutBlobRetryingOptions,
  putBlob,
  putBlobRetrying,
  type StoredBlob,
  storedBlobHashes,
} from './blobStore.js';
export {
  acquireCaseDoc,
  acquireWorkspaceDoc,
  createCase,
  type DocLease,
  listLocalCaseIds,
  onStorageError,
} from './caseDocuments.js';
export {
  type BlobRow,
  type BlobState,
  CasefileDatabase,
  type CaseRow,
  type CaseRowInsert,
  DB_VERSION,
  type OutboxRow,
  openDatabase,
  type Role,
  type SettingRow,
  type WorkspaceRow,
  type WorkspaceRowInsert,
} from './database.js';
export { IntegrityError, OUT_OF_SPACE, QuotaError, StorageError } from './errors.js';
export { isSha256, sha256Hex } from './hashing.js';
export { listOutbox, markUploaded, type OutboxEntry, watchCaseUploads } from './outbox.js';
export {
  type PendingSave,
  retryPendingSavesNow,
  SAVE_RETRY_DELAY,
  SaveCancelledError,
  watchPendingSaves,
} from './saveRetries.js';
export { getSetting, putSetting, requestPersistentStorage } from './settings.js';

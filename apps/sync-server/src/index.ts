export { type BlobAccess, type BlobAuthorizer, type BlobRefusal, DEFAULT_MAX_BLOB_BYTES } from './blobRoutes.js';
export { type DocumentStore, LevelDocumentStore, StoreLockedError } from './persistence.js';
export { DEFAULT_WEB_ROOT, MAX_MESSAGE_BYTES, type RunningServer, type ServerOptions, startServer } from './server.js';

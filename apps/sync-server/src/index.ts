export { issueTokenForDataDir } from './accessControl.js';
export { joinLink } from './accessRoutes.js';
export {
  type AccessClaims,
  AuthError,
  CLOSE_FORBIDDEN,
  CLOSE_UNAUTHENTICATED,
  issueToken,
  parseDuration,
  ROLES,
  type Role,
  type TokenRequest,
  verifyToken,
} from './accessToken.js';
export { type BlobAccess, type BlobAuthorizer, type BlobRefusal, DEFAULT_MAX_BLOB_BYTES } from './blobRoutes.js';
export {
  type CustodyEntry,
  type CustodySummary,
  type CustodyVerification,
  GENESIS_HASH,
  readCustody,
  verifyCustodyChain,
} from './custodyLog.js';
export { DEFAULT_MESSAGE_RATE, type MessageRateLimit } from './messageRate.js';
export { type CaseRecord, type DocumentStore, LevelDocumentStore, StoreLockedError } from './persistence.js';
export { revokeInDataDir } from './revocations.js';
export {
  DEFAULT_MAX_CONNECTIONS_PER_USER,
  DEFAULT_WEB_ROOT,
  MAX_MESSAGE_BYTES,
  type RunningServer,
  type ServerOptions,
  startServer,
} from './server.js';

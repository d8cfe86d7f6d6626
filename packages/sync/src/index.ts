export {
  type AccessRole,
  type AccessTokenClaims,
  chooseToken,
  readAccessToken,
  tokenFromInvitation,
} from './accessTokens.js';
export {
  type BlobProgress,
  type BlobStoreLike,
  BlobTransfer,
  type BlobTransferOptions,
  type BlobTransferStatus,
  type BlobUploadFailure,
} from './blobTransfer.js';
export { type Observable, ObservableValue } from './observableValue.js';
export { browserOnlineSource, type OnlineSource } from './onlineSource.js';
export { normalizeServerUrl, webSocketUrl } from './serverUrl.js';
export { type LoadedDoc, type ShareCasesOptions, SyncError, shareCases } from './shareCases.js';
export {
  type AcquireOptions,
  type CaseProvider,
  type ConnectionStatus,
  type LocalUser,
  type Peer,
  type ProviderEvent,
  type ProviderListener,
  type RoomLease,
  SyncClient,
  type SyncClientOptions,
  type WebSocketClass,
} from './syncClient.js';

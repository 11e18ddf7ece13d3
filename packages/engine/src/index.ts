export { DecryptionFailedError } from './crypto/decryption-failed-error.js';
export { InvalidEncryptionKeyError } from './crypto/invalid-encryption-key-error.js';
export { type LoadedEncryptionKey, loadEncryptionKey } from './crypto/load-encryption-key.js';
export {
  encryptionKeyEnvironmentVariable,
  parseEncryptionKey,
} from './crypto/parse-encryption-key.js';
export { EncryptionKeyMismatchError } from './store/encryption-key-mismatch-error.js';
export { FlowNotPendingError } from './store/flow-not-pending-error.js';
export { openStore } from './store/open-store.js';
export { databaseUrlEnvironmentVariable, PostgresStore } from './store/postgres-store.js';
export { SqliteStore } from './store/sqlite-store.js';
export type * from './store/store.js';
export { StoreConfigurationError } from './store/store-configuration-error.js';

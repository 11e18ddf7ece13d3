export {
  type Broker,
  type CreateBrokerOptions,
  createBroker,
  type UserVerification,
} from './broker/create-broker.js';
export type { OAuthPageOutcome } from './broker/oauth-page-outcome.js';
export {
  type ApiKeySource,
  type CreateEngineOptions,
  createEngine,
  type Engine,
} from './create-engine.js';
export { DecryptionFailedError } from './crypto/decryption-failed-error.js';
export { InvalidEncryptionKeyError } from './crypto/invalid-encryption-key-error.js';
export { type LoadedEncryptionKey, loadEncryptionKey } from './crypto/load-encryption-key.js';
export {
  encryptionKeyEnvironmentVariable,
  parseEncryptionKey,
} from './crypto/parse-encryption-key.js';
export { EngineClientError } from './engine-client-error.js';
export { defineConfig, type EngineConfig, type RuntimeWorkersConfig } from './engine-config.js';
export { ApiError } from './http/api-error.js';
export {
  type CreateEngineAppOptions,
  createEngineApp,
  type EngineApp,
} from './http/create-engine-app.js';
export { createOAuthRoutes } from './http/create-oauth-routes.js';
export type { ErrorEnvelope } from './http/error-envelope.js';
export {
  createInProcessClient,
  type InProcessClient,
  type InProcessClientRequestOptions,
} from './in-process-client.js';
export { InvalidEngineConfigError } from './invalid-engine-config-error.js';
export { configFileNames, loadConfig } from './load-config.js';
export { InvalidProviderConfigError } from './oauth/invalid-provider-config-error.js';
export {
  OAuthRequestError,
  type OAuthRequestFailureReason,
} from './oauth/oauth-request-error.js';
export { type OAuthOperation, OAuthTokenError } from './oauth/oauth-token-error.js';
export type { OAuthTokens } from './oauth/oauth-tokens.js';
export {
  atlassian,
  dropbox,
  github,
  google,
  hubspot,
  linear,
  microsoft,
  notion,
  type PresetProviderOptions,
  slack,
  spotify,
  x,
  zoom,
} from './oauth/preset-providers.js';
export {
  type ApiKeyProviderConfig,
  type ApiKeyProviderInput,
  type ClientAuthentication,
  type OAuth2ProviderConfig,
  type OAuth2ProviderInput,
  type OAuth2ProviderSettings,
  type ProviderConfig,
  type ProviderConfigInput,
  parseProviderConfig,
  parseProviderConfigs,
} from './oauth/provider-config.js';
export {
  type ProviderPreset,
  type ProviderPresetName,
  providerPresetNames,
  providerPresets,
} from './oauth/provider-presets.js';
export { consoleEngineLogger, type EngineLogger } from './shared/engine-logger.js';
export { InvalidEngineOptionsError } from './shared/invalid-engine-options-error.js';
export { EncryptionKeyMismatchError } from './store/encryption-key-mismatch-error.js';
export { FlowNotPendingError } from './store/flow-not-pending-error.js';
export { openStore } from './store/open-store.js';
export { databaseUrlEnvironmentVariable, PostgresStore } from './store/postgres-store.js';
export { SqliteStore } from './store/sqlite-store.js';
export type * from './store/store.js';
export { StoreConfigurationError } from './store/store-configuration-error.js';
export { createStoreSecretResolver } from './tools/create-store-secret-resolver.js';
export type * from './tools/credential-resolver.js';
export type * from './tools/secret-resolver.js';
export {
  createToolRegistry,
  type InProcessRegisteredTool,
  type RegisteredTool,
  type ToolRegistry,
  type WorkerRegisteredTool,
} from './tools/tool-registry.js';
export { UnknownToolError } from './tools/unknown-tool-error.js';
export type { WorkerConfig } from './workers/worker-settings.js';
export {
  WorkerTransportError,
  type WorkerTransportFailure,
} from './workers/worker-transport-error.js';

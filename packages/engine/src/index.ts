// The engine's public API: what an application needs to run an engine, configure it and read
// its errors. Everything here is kept stable (src/index.api.test.ts lists it); the building
// blocks other Toolgrant packages use are on `@toolgrant/engine/internal`, without that promise.

export type { UserVerification } from './broker/user-verification.js';
export {
  type ApiKeySource,
  type CreateEngineOptions,
  createEngine,
  type Engine,
} from './create-engine.js';
export { DecryptionFailedError } from './crypto/decryption-failed-error.js';
export { InvalidEncryptionKeyError } from './crypto/invalid-encryption-key-error.js';
export { type LoadedEncryptionKey, loadEncryptionKey } from './crypto/load-encryption-key.js';
export { EngineClientError } from './engine-client-error.js';
export { defineConfig, type EngineConfig, type RuntimeWorkersConfig } from './engine-config.js';
export { EngineLifecycleError } from './engine-lifecycle-error.js';
export type { ErrorEnvelope } from './http/error-envelope.js';
export type {
  InProcessClient,
  InProcessClientRequestOptions,
} from './in-process-client.js';
export { InvalidEngineConfigError } from './invalid-engine-config-error.js';
export type { McpConfig } from './mcp/mcp-config.js';
export { InvalidProviderConfigError } from './oauth/invalid-provider-config-error.js';
export type {
  ClientAuthentication,
  OAuth2ProviderSettings,
} from './oauth/oauth2-provider-settings.js';
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
} from './oauth/preset-provider-entries.js';
export type {
  ApiKeyProviderConfig,
  ApiKeyProviderInput,
  OAuth2ProviderConfig,
  OAuth2ProviderInput,
  ProviderConfig,
  ProviderConfigInput,
} from './oauth/provider-config.js';
export {
  type ProviderPresetName,
  providerPresetNames,
} from './oauth/provider-preset-catalog.js';
export type { EngineLogger } from './shared/engine-logger.js';
export { InvalidEngineOptionsError } from './shared/invalid-engine-options-error.js';
export { EncryptionKeyMismatchError } from './store/encryption-key-mismatch-error.js';
export { openStore } from './store/open-store.js';
export type { Store } from './store/store.js';
export { StoreConfigurationError } from './store/store-configuration-error.js';
export type { WorkerConfig } from './workers/worker-settings.js';

// `@toolgrant/engine/internal`: the engine's building blocks, for other Toolgrant packages and
// their tests. No stability promise: these change with the engine. Applications use the
// public entry (`@toolgrant/engine`).

export { AuthorizationNotFoundError } from './broker/authorization-not-found-error.js';
export { AuthorizationNotPendingError } from './broker/authorization-not-pending-error.js';
export { AuthorizationNotReadyError } from './broker/authorization-not-ready-error.js';
export { type Broker, type CreateBrokerOptions, createBroker } from './broker/create-broker.js';
export { InvalidNextUriError } from './broker/invalid-next-uri-error.js';
export type { OAuthPageOutcome } from './broker/oauth-page-outcome.js';
export { ProviderNotConfiguredError } from './broker/provider-not-configured-error.js';
export { ProviderTypeMismatchError } from './broker/provider-type-mismatch-error.js';
export { TokenRefreshFailedError } from './broker/token-refresh-failed-error.js';
export { TokenRefreshTimeoutError } from './broker/token-refresh-timeout-error.js';
export { UserMismatchError } from './broker/user-mismatch-error.js';
export {
  encryptionKeyEnvironmentVariable,
  parseEncryptionKey,
} from './crypto/parse-encryption-key.js';
export { ApiError } from './http/api-error.js';
export { apiErrorOf } from './http/api-error-of.js';
export {
  type CreateEngineAppOptions,
  createEngineApp,
  type EngineApp,
} from './http/create-engine-app.js';
export { createOAuthRoutes } from './http/create-oauth-routes.js';
export { createInProcessClient } from './in-process-client.js';
export * from './index.js';
export { configFileNames, loadConfig } from './load-config.js';
export {
  type McpExtensionEndpoint,
  type McpExtensionTool,
  type McpServerExtension,
  mcpServerExtension,
} from './mcp/mcp-server-extension.js';
export {
  OAuthRequestError,
  type OAuthRequestFailureReason,
} from './oauth/oauth-request-error.js';
export { type OAuthOperation, OAuthTokenError } from './oauth/oauth-token-error.js';
export type { OAuthTokens } from './oauth/oauth-tokens.js';
export { parseProviderConfig, parseProviderConfigs } from './oauth/provider-config.js';
export { type ProviderPreset, providerPresets } from './oauth/provider-preset-catalog.js';
export { consoleEngineLogger } from './shared/engine-logger.js';
export { FlowNotPendingError } from './store/flow-not-pending-error.js';
export { databaseUrlEnvironmentVariable, PostgresStore } from './store/postgres-store.js';
export { SqliteStore } from './store/sqlite-store.js';
export type * from './store/store.js';
export { ConflictingToolVersionError } from './tools/conflicting-tool-version-error.js';
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
export {
  WorkerTransportError,
  type WorkerTransportFailure,
} from './workers/worker-transport-error.js';

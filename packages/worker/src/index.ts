// `@toolgrant/worker`: what tool authors use. What only the engine needs (the worker protocol,
// worker tokens, executeTool) is on `@toolgrant/worker/internal`.

export type { ApiKeyRequirement, AuthRequirement, OAuth2Requirement } from './auth.js';
export { apiKey, oauth2 } from './auth.js';
export { AuthNotDeclaredError } from './auth-not-declared-error.js';
export type { CreateWorkerHandlerOptions, WorkerHandler } from './create-worker-handler.js';
export { createWorkerHandler } from './create-worker-handler.js';
export type {
  DefineToolOptions,
  Tool,
  ToolMetadata,
  ToolOutputValue,
  ToolRequirements,
} from './define-tool.js';
export { defineTool, isTool } from './define-tool.js';
export type { Toolkit } from './define-toolkit.js';
export { defineToolkit } from './define-toolkit.js';
export { InvalidWorkerOptionsError } from './invalid-worker-options-error.js';
export type { WorkerTokenErrorCode } from './invalid-worker-token-error.js';
export { InvalidWorkerTokenError } from './invalid-worker-token-error.js';
export { SecretNotDeclaredError } from './secret-not-declared-error.js';
export type { ServeWorkerOptions, WorkerServer } from './serve-worker.js';
export { serveWorker } from './serve-worker.js';
export { toToolDefinition } from './to-tool-definition.js';
export type { ToolContext } from './tool-context.js';
export { createToolContext } from './tool-context.js';
export { ToolDefinitionError } from './tool-definition-error.js';
export type { ToolErrorKind } from './tool-error.js';
export { RetryableToolError, ToolError, ToolExecutionError, UpstreamError } from './tool-error.js';
export type { ToolLog, ToolLogger, ToolLogLevel } from './tool-logger.js';
export { createToolLogger } from './tool-logger.js';
export { ToolRequirementsNotMetError } from './tool-requirements-not-met-error.js';

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
export type {
  ExecuteToolOptions,
  ToolExecutionErrorOutput,
  ToolExecutionResult,
} from './execute-tool.js';
export { executeTool } from './execute-tool.js';
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
export type { ExecuteToolResponse } from './worker-protocol/execute-tool-response.js';
export { InvalidExecuteToolRequestError } from './worker-protocol/invalid-execute-tool-request-error.js';
export type { ExecuteToolRequest } from './worker-protocol/parse-execute-tool-request.js';
export { parseExecuteToolRequest } from './worker-protocol/parse-execute-tool-request.js';
export type { WorkerTokenClaims } from './worker-token.js';
export {
  maxWorkerTokenLifetimeSeconds,
  signWorkerToken,
  verifyWorkerToken,
  workerTokenAudience,
  workerTokenVersion,
} from './worker-token.js';

export { AuthorizationFailedError } from './authorization-failed-error.js';
export {
  type AuthorizationPause,
  type AuthorizationRequiredEvent,
  authorizationPauseType,
} from './authorization-pause.js';
export { AuthorizationTimeoutError } from './authorization-timeout-error.js';
export {
  type AuthorizationCheck,
  type AuthorizeToolOptions,
  authorizeTool,
} from './authorize-tool.js';
export type { McpConnection } from './connect-mcp-source.js';
export { InvalidToolDefinitionError } from './invalid-tool-definition-error.js';
export { type LoadMcpToolsOptions, loadMcpTools } from './load-mcp-tools.js';
export { type LoadToolsOptions, loadTools } from './load-tools.js';
export { isMcpSource, type McpSource, type McpSourceOptions, mcpSource } from './mcp-source.js';
export type { McpSourceCache, PendingMcpCall } from './mcp-source-cache.js';
export {
  isMcpToolDefinition,
  type McpJsonSchema,
  type McpToolDefinition,
} from './mcp-tool-definition.js';
export { OperationAbortedError } from './operation-aborted-error.js';
export { parseToolDefinition } from './parse-tool-definition.js';
export { type McpConsentAnswer, type RunMcpToolOptions, runMcpTool } from './run-mcp-tool.js';
export type {
  McpConsentRequest,
  RequiredAuthorization,
  RunOutcome,
  ToolCallFailure,
} from './run-outcome.js';
export { type RunToolOptions, runTool, type ToolErrorReport } from './run-tool.js';
export {
  type AnthropicTool,
  type JsonObjectSchema,
  type JsonSchema,
  type JsonSchemaType,
  type OpenAIFunctionTool,
  type ToolJsonSchema,
  type ToolSchemaFormat,
  toJsonSchema,
} from './to-json-schema.js';
export { toMcpStandardSchema } from './to-mcp-standard-schema.js';
export { toModelOutput } from './to-model-output.js';
export {
  type StandardIssue,
  type StandardJsonSchemaOptions,
  type StandardResult,
  type ToolInput,
  type ToolInputStandardSchema,
  toStandardSchema,
} from './to-standard-schema.js';
export { type ToolInputSchema, toZodSchema } from './to-zod-schema.js';
export type * from './tool-client.js';
export type * from './tool-definition.js';
export { fromToolName, toToolName, toToolNames } from './tool-name.js';
export { ToolNameCollisionError } from './tool-name-collision-error.js';
export { ToolNotFoundError } from './tool-not-found-error.js';
export { ToolRequestError } from './tool-request-error.js';
export {
  ToolTransportError,
  type ToolTransportFailureReason,
} from './tool-transport-error.js';
export { ToolgrantError } from './toolgrant-error.js';
export { createToolgrantSession, type ToolgrantSession } from './toolgrant-session.js';
export { UnexpectedResponseError } from './unexpected-response-error.js';
export { UserIdRequiredError } from './user-id-required-error.js';
export type { McpInputValidator } from './validate-mcp-tool-input.js';
export {
  type ToolInputIssue,
  type ToolInputValidation,
  validateToolInput,
} from './validate-tool-input.js';
export {
  type CompletedAuthorization,
  waitForAuthorization,
} from './wait-for-authorization.js';
export {
  type McpConsentWait,
  type WaitForMcpConsentOptions,
  waitForMcpConsent,
} from './wait-for-mcp-consent.js';

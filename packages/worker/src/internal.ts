// `@toolgrant/worker/internal`: what other Toolgrant packages (the engine) need from the worker
// package, and tool authors do not. No semver promise: it changes with the engine.
//
// The worker protocol lives here, once: its request, response and health types, their JSON
// Schemas validated one way (Ajv), the error envelope every error answer carries, the token
// each request is signed with, and the function that runs one tool call.

export { createRedactor } from './create-redactor.js';
export type {
  ExecuteToolOptions,
  ToolExecutionErrorOutput,
  ToolExecutionResult,
} from './execute-tool.js';
export { executeTool } from './execute-tool.js';
export type { ErrorEnvelope } from './worker-protocol/error-envelope.js';
export { toErrorEnvelope } from './worker-protocol/error-envelope.js';
export type {
  ExecuteToolResponse,
  ExecuteToolResponseError,
  ExecuteToolResponseLog,
} from './worker-protocol/execute-tool-response.js';
export {
  executeToolResponseSchema,
  safeParseExecuteToolResponse,
} from './worker-protocol/execute-tool-response.js';
export { InvalidExecuteToolRequestError } from './worker-protocol/invalid-execute-tool-request-error.js';
export type {
  ExecuteToolRequest,
  ExecuteToolSecret,
  ParsedExecuteToolRequest,
} from './worker-protocol/parse-execute-tool-request.js';
export { parseExecuteToolRequest } from './worker-protocol/parse-execute-tool-request.js';
export type { WorkerHealthResponse } from './worker-protocol/worker-health-response.js';
export {
  safeParseWorkerHealthResponse,
  toolCountOf,
  workerHealthResponseSchema,
} from './worker-protocol/worker-health-response.js';
export type { WorkerTokenClaims } from './worker-token.js';
export {
  maxWorkerTokenLifetimeSeconds,
  signWorkerToken,
  verifyWorkerToken,
  workerTokenAudience,
  workerTokenVersion,
} from './worker-token.js';

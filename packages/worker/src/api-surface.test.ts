import { describe, expect, it } from 'vitest';
import { apiSurface } from '../../../api-surface.shared.js';
import * as publicApi from './index.js';
import * as internal from './internal.js';

// The package's surface, so a change to it is a deliberate diff: the runtime exports and the
// exported type names of `@toolgrant/worker` and `@toolgrant/worker/internal`.

describe('@toolgrant/worker', () => {
  it('exports these values', () => {
    expect(Object.keys(publicApi).sort()).toEqual([
      'AuthNotDeclaredError',
      'InvalidWorkerOptionsError',
      'InvalidWorkerTokenError',
      'RetryableToolError',
      'SecretNotDeclaredError',
      'ToolDefinitionError',
      'ToolError',
      'ToolExecutionError',
      'ToolRequirementsNotMetError',
      'UpstreamError',
      'apiKey',
      'createToolContext',
      'createToolLogger',
      'createWorkerHandler',
      'defineTool',
      'defineToolkit',
      'isTool',
      'oauth2',
      'serveWorker',
      'toToolDefinition',
    ]);
  });

  it('exports these types', { timeout: 60_000 }, () => {
    expect(
      apiSurface({ entry: new URL('./index.ts', import.meta.url), runtime: publicApi }).types,
    ).toEqual([
      'ApiKeyRequirement',
      'AuthRequirement',
      'CreateWorkerHandlerOptions',
      'DefineToolOptions',
      'OAuth2Requirement',
      'ServeWorkerOptions',
      'Tool',
      'ToolContext',
      'ToolErrorKind',
      'ToolLog',
      'ToolLogLevel',
      'ToolLogger',
      'ToolMetadata',
      'ToolOutputValue',
      'ToolRequirements',
      'Toolkit',
      'WorkerHandler',
      'WorkerServer',
      'WorkerTokenErrorCode',
    ]);
  });
});

describe('@toolgrant/worker/internal', () => {
  it('exports these values', () => {
    expect(Object.keys(internal).sort()).toEqual([
      'InvalidExecuteToolRequestError',
      'createRedactor',
      'executeTool',
      'executeToolResponseSchema',
      'maxWorkerTokenLifetimeSeconds',
      'parseExecuteToolRequest',
      'safeParseExecuteToolResponse',
      'safeParseWorkerHealthResponse',
      'signWorkerToken',
      'toErrorEnvelope',
      'toolCountOf',
      'verifyWorkerToken',
      'workerHealthResponseSchema',
      'workerTokenAudience',
      'workerTokenVersion',
    ]);
  });

  it('exports these types', { timeout: 60_000 }, () => {
    expect(
      apiSurface({ entry: new URL('./internal.ts', import.meta.url), runtime: internal }).types,
    ).toEqual([
      'ErrorEnvelope',
      'ExecuteToolOptions',
      'ExecuteToolRequest',
      'ExecuteToolResponse',
      'ExecuteToolResponseError',
      'ExecuteToolResponseLog',
      'ExecuteToolSecret',
      'ParsedExecuteToolRequest',
      'ToolExecutionErrorOutput',
      'ToolExecutionResult',
      'WorkerHealthResponse',
      'WorkerTokenClaims',
    ]);
  });
});

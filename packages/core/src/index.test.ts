import { expect, it } from 'vitest';
import { apiSurface } from '../../../api-surface.shared.js';
import * as core from './index.js';
import * as internal from './internal.js';

// The public surface of `@toolgrant/core`, and its internal subpath for the Toolgrant adapters.
// A change to a list below is a deliberate change to what users can import.

it('@toolgrant/core exports exactly these runtime values and types', () => {
  expect(apiSurface({ entry: new URL('./index.ts', import.meta.url), runtime: core })).toEqual({
    values: [
      'AuthorizationFailedError',
      'AuthorizationTimeoutError',
      'InvalidToolDefinitionError',
      'OperationAbortedError',
      'ToolNameCollisionError',
      'ToolNotFoundError',
      'ToolRequestError',
      'ToolTransportError',
      'ToolgrantError',
      'UnexpectedResponseError',
      'UserIdRequiredError',
      'authorizationPauseType',
      'authorizeTool',
      'createToolgrantSession',
      'fromToolName',
      'loadTools',
      'parseToolDefinition',
      'runTool',
      'toJsonSchema',
      'toModelOutput',
      'toStandardSchema',
      'toToolName',
      'toToolNames',
      'toZodSchema',
      'validateToolInput',
      'waitForAuthorization',
    ],
    types: [
      'AnthropicTool',
      'AuthorizationCheck',
      'AuthorizationPause',
      'AuthorizationRequiredEvent',
      'AuthorizationRequirement',
      'AuthorizeToolOptions',
      'CompletedAuthorization',
      'JsonObjectSchema',
      'JsonSchema',
      'JsonSchemaType',
      'LoadToolsOptions',
      'OpenAIFunctionTool',
      'PropertySchema',
      'RequiredAuthorization',
      'RunOutcome',
      'RunToolOptions',
      'SecretRequirement',
      'StandardIssue',
      'StandardJsonSchemaOptions',
      'StandardResult',
      'TokenStatus',
      'ToolCallFailure',
      'ToolClient',
      'ToolClientAuthStatusParams',
      'ToolClientAuthorizationResponse',
      'ToolClientAuthorizeBody',
      'ToolClientExecuteBody',
      'ToolClientExecuteResponse',
      'ToolClientExecutionError',
      'ToolClientGetParams',
      'ToolClientListParams',
      'ToolClientPage',
      'ToolClientRequestOptions',
      'ToolDefinition',
      'ToolErrorReport',
      'ToolInput',
      'ToolInputIssue',
      'ToolInputSchema',
      'ToolInputStandardSchema',
      'ToolInputValidation',
      'ToolJsonSchema',
      'ToolParameter',
      'ToolSchemaFormat',
      'ToolTransportFailureReason',
      'ToolgrantSession',
      'ValueSchema',
      'ValueType',
    ],
  });
});

it('@toolgrant/core/internal exports exactly these runtime values and types', () => {
  expect(
    apiSurface({ entry: new URL('./internal.ts', import.meta.url), runtime: internal }),
  ).toEqual({
    values: [
      'authorizationNotCompleted',
      'awaitResumedAuthorization',
      'describeValue',
      'resolveUserId',
      'runResumedTool',
      'toAuthorizationPause',
    ],
    types: [
      'AuthorizationNotCompleted',
      'AwaitResumedAuthorizationOptions',
      'ResolveUserIdOptions',
      'ResumedRunOutcome',
      'RunResumedToolOptions',
    ],
  });
});

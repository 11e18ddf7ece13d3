import { expect, it } from 'vitest';
import { apiSurface } from '../../../api-surface.shared.js';
import * as aiSdk from './index.js';

// The public surface of `@toolgrant/ai-sdk`.
// A change to a list below is a deliberate change to what users can import.

it('@toolgrant/ai-sdk exports exactly these runtime values and types', () => {
  expect(apiSurface({ entry: new URL('./index.ts', import.meta.url), runtime: aiSdk })).toEqual({
    values: [
      'authorizationApproval',
      'createAISDKTools',
      'createAuthorizationStatusHandler',
      'getAuthorizationRequest',
      'isAuthorizationRequired',
      'stopOnAuthorizationRequired',
      'toAISDKTools',
    ],
    types: [
      'AuthorizationApprovalOptions',
      'AuthorizationApprovalStatus',
      'AuthorizationRequiredOutput',
      'AuthorizationRequiredPart',
      'AuthorizationStatusAnswer',
      'AuthorizationStatusHandlerOptions',
      'CreateAISDKToolsOptions',
      'NewAuthorizationAnswer',
      'StepWithToolResults',
      'ToAISDKToolsOptions',
      'ToolApprovalCall',
      'ToolgrantExecutionOptions',
      'ToolgrantTool',
      'ToolgrantToolContext',
      'ToolgrantToolInput',
      'ToolgrantToolOutput',
      'ToolgrantToolSet',
    ],
  });
});

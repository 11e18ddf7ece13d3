export {
  type AuthorizationApprovalOptions,
  type AuthorizationApprovalStatus,
  authorizationApproval,
  type ToolApprovalCall,
} from './authorization-approval.js';
export { type CreateAISDKToolsOptions, createAISDKTools } from './create-ai-sdk-tools.js';
export {
  type AuthorizationStatusAnswer,
  type AuthorizationStatusHandlerOptions,
  createAuthorizationStatusHandler,
  type NewAuthorizationAnswer,
} from './create-authorization-status-handler.js';
export { getAuthorizationRequest } from './get-authorization-request.js';
export {
  type AuthorizationRequiredPart,
  isAuthorizationRequired,
} from './is-authorization-required.js';
export {
  type StepWithToolResults,
  stopOnAuthorizationRequired,
} from './stop-on-authorization-required.js';
export { type ToAISDKToolsOptions, toAISDKTools } from './to-ai-sdk-tools.js';
export type {
  AuthorizationRequiredOutput,
  ToolgrantExecutionOptions,
  ToolgrantTool,
  ToolgrantToolContext,
  ToolgrantToolInput,
  ToolgrantToolOutput,
  ToolgrantToolSet,
} from './toolgrant-tool.js';

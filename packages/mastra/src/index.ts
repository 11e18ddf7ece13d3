export {
  type AuthorizationResumeData,
  authorizationResumeDataSchema,
} from './authorization-resume-data.js';
export {
  type AuthorizationSuspendPayload,
  authorizationSuspendPayloadSchema,
  authorizationSuspendType,
  isAuthorizationSuspendPayload,
} from './authorization-suspend-payload.js';
export { type CreateMastraToolsOptions, createMastraTools } from './create-mastra-tools.js';
export {
  type MastraTool,
  type MastraToolContext,
  type ToMastraToolsOptions,
  toMastraTools,
} from './to-mastra-tools.js';
export { userIdContextKey } from './user-id-context-key.js';

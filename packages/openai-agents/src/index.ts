export {
  type CreateOpenAIAgentsToolsOptions,
  createOpenAIAgentsTools,
} from './create-openai-agents-tools.js';
export {
  type AuthorizationInterruption,
  getAuthorizationInterruptions,
  type InterruptedRun,
} from './get-authorization-interruptions.js';
export {
  type OpenAIAgentsTool,
  type ToOpenAIAgentsToolsOptions,
  toOpenAIAgentsTools,
} from './to-openai-agents-tools.js';
export {
  authorizationsContextKey,
  type ToolgrantRunContext,
  userIdContextKey,
} from './toolgrant-run-context.js';

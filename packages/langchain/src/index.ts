export {
  type AuthorizationInterrupt,
  authorizationInterruptType,
  isAuthorizationInterrupt,
} from './authorization-interrupt.js';
export type { AuthorizationResumeValue } from './authorization-resume-value.js';
export {
  type CreateLangChainToolsOptions,
  createLangChainTools,
} from './create-langchain-tools.js';
export {
  getAuthorizationInterrupts,
  type PendingAuthorization,
} from './get-authorization-interrupts.js';
export {
  type LangChainTool,
  type LangChainToolArtifact,
  type ToLangChainToolsOptions,
  toLangChainTools,
} from './to-langchain-tools.js';
export { userIdConfigKey } from './user-id-config-key.js';

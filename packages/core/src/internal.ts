// `@toolgrant/core/internal`: the rules the Toolgrant adapters share so that they behave alike,
// which users never call. No stability promise: it changes with the adapters, in any release.
export { toAuthorizationPause } from './authorization-pause.js';
export {
  type AuthorizationNotCompleted,
  type AwaitResumedAuthorizationOptions,
  authorizationNotCompleted,
  awaitResumedAuthorization,
} from './await-resumed-authorization.js';
export { type ResolveUserIdOptions, resolveUserId } from './resolve-user-id.js';
export {
  type ResumedRunOutcome,
  type RunResumedToolOptions,
  runResumedTool,
} from './run-resumed-tool.js';

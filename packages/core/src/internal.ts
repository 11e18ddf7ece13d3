// `@toolgrant/core/internal`: what the other Toolgrant packages share and an application does
// not need: the rules the adapters share so that they behave alike, and how an error message
// shows a received value (the worker's too). No stability promise: it changes with those
// packages, in any release.
export { toAuthorizationPause } from './authorization-pause.js';
export {
  type AuthorizationNotCompleted,
  type AwaitResumedAuthorizationOptions,
  authorizationNotCompleted,
  awaitResumedAuthorization,
} from './await-resumed-authorization.js';
export { describeValue } from './describe-value.js';
export {
  type LoadToolDefinitionsOptions,
  loadToolDefinitions,
} from './load-tool-definitions.js';
export type { McpAdapterToolOptions } from './mcp-adapter-tool-options.js';
export { type ResolveUserIdOptions, resolveUserId } from './resolve-user-id.js';
export {
  type ResumedRunOutcome,
  type RunResumedToolOptions,
  runResumedTool,
} from './run-resumed-tool.js';
export { type AnyToolDefinition, toToolEntries } from './to-tool-entries.js';

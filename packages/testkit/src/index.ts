export type { ApiScope } from './api-scopes.js';
export {
  type CallbackResponse,
  type CompleteConsentOptions,
  type ConsentResult,
  completeConsent,
} from './complete-consent.js';
export { ConsentFlowError } from './consent-flow-error.js';
export { CookieJar } from './cookie-jar.js';
export { createPkce } from './create-pkce.js';
export { type DemoUser, demoUsers, type InboxMessage } from './demo-users.js';
export { formatProviderSummary } from './format-provider-summary.js';
export { type InboxPage, listInboxMessagesTool } from './list-inbox-messages-tool.js';
export type { OAuthProviderClient } from './oauth-provider-client.js';
export type { OAuthProviderCounts, TokenRequestRecord } from './oauth-provider-counts.js';
export {
  type OAuthProvider,
  type StartOAuthProviderOptions,
  startOAuthProvider,
} from './start-oauth-provider.js';
export type { TokenResponseHold } from './token-endpoint-middleware.js';

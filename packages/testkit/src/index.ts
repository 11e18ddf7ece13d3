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
export {
  type ApiScope,
  type OAuthProvider,
  type OAuthProviderClient,
  type OAuthProviderCounts,
  type StartOAuthProviderOptions,
  startOAuthProvider,
  type TokenRequestRecord,
  type TokenResponseHold,
} from './start-oauth-provider.js';

import {
  type ProviderConfig,
  type ProviderConfigInput,
  parseProviderConfigs,
} from '../oauth/provider-config.js';
import { consoleEngineLogger, type EngineLogger } from '../shared/engine-logger.js';
import { InvalidEngineOptionsError } from '../shared/invalid-engine-options-error.js';
import type { Store } from '../store/store.js';
import type { CredentialResolver, UserConnection } from '../tools/credential-resolver.js';
import type { SecretResolver } from '../tools/secret-resolver.js';
import { showApiKeyForm, submitApiKey } from './api-key-form.js';
import type { BrokerContext, RefreshTimeouts } from './broker-context.js';
import { confirmUser } from './confirm-user.js';
import { fromConnectionId, toConnectionId } from './connection-id.js';
import { covers, isFresh, isUsable } from './connection-usability.js';
import { createFailureReports } from './create-failure-reports.js';
import { createSecretResolver } from './create-secret-resolver.js';
import { findPendingFlow } from './find-pending-flow.js';
import { handleOAuthCallback } from './handle-oauth-callback.js';
import type { OAuthPageOutcome } from './oauth-page-outcome.js';
import { parseBaseUrl } from './parse-base-url.js';
import { providerForRequirement } from './provider-for-requirement.js';
import { redirectToProvider } from './redirect-to-provider.js';
import { defaultRefreshTimeouts, refreshCredential } from './refresh-credential.js';
import { revokeBestEffort } from './revoke-best-effort.js';
import { startOrReuseAuthorization } from './start-or-reuse-authorization.js';
import { parseUserVerification, type UserVerification } from './user-verification.js';
import { waitForFlowStatus } from './wait-for-flow-status.js';

// The OAuth 2.0 broker: starts authorization flows (PKCE S256, single-use state), finishes
// them at the callback (with user verification), hands out fresh credentials (one refresh at
// a time per user and provider, across processes on PostgreSQL) and keeps secrets. Everything
// a flow needs is in the store, so a flow started before an engine restart completes after it.

export type { UserVerification };

/** What `createBroker` needs: the store, the providers, the engine's base URL and how users are verified. */
export interface CreateBrokerOptions {
  store: Store;
  /** Parsed or as written in the configuration; parsed (and checked) again here. */
  providers: readonly (ProviderConfig | ProviderConfigInput)[];
  /** The engine's public URL; the redirect URI is `${baseUrl}/v1/oauth/callback`. */
  baseUrl: string;
  userVerification: UserVerification;
  /** Origins `next_uri` may point to, e.g. `['https://app.example.com']`. Default: any http(s) URL. */
  allowedRedirectOrigins?: readonly string[] | undefined;
  logger?: EngineLogger;
  /** Default: the system clock. Decides token expiry; flow expiry is the store's. */
  clock?: () => Date;
  /**
   * Default: callers wait 30 s for a refresh; the engine keeps waiting for the provider's
   * answer for 120 s, and saves a late one.
   */
  refreshTimeouts?: Partial<RefreshTimeouts> | undefined;
}

/** The OAuth 2.0 broker: users' credentials for the API, the browser's side of consent, and secrets. */
export interface Broker extends CredentialResolver {
  /** The engine's secrets on the same store; a user's own value wins over the engine-wide one. */
  readonly secrets: SecretResolver;
  /** Register exactly this at each OAuth provider. */
  readonly redirectUri: string;
  readonly providers: ReadonlyMap<string, ProviderConfig>;
  /**
   * `GET /v1/oauth/start/{flowId}`: the authorization link's target. `browserSecret` is the
   * browser's binding cookie, or a new secret the answer sets as that cookie.
   */
  startAuthorization(options: { flowId: string; browserSecret: string }): Promise<OAuthPageOutcome>;
  /** `GET /v1/oauth/callback`: the provider's authorization response, with the binding cookie. */
  handleCallback(
    query: {
      code?: string | undefined;
      state?: string | undefined;
      error?: string | undefined;
    },
    browser: { browserSecret: string | undefined },
  ): Promise<OAuthPageOutcome>;
  /** `GET /v1/oauth/api-key/{flowId}`; `browserSecret` as for `startAuthorization`. */
  showApiKeyForm(options: { flowId: string; browserSecret: string }): Promise<OAuthPageOutcome>;
  /**
   * The page to answer a post to `/v1/oauth/api-key/{flowId}` with, before its body is read,
   * when the link is not an open API-key flow (unknown, malformed, settled or expired);
   * undefined when it is. Changes nothing.
   */
  checkApiKeyLink(options: { flowId: string }): Promise<OAuthPageOutcome | undefined>;
  /** `POST /v1/oauth/api-key/{flowId}`, with the binding cookie and the form's hidden token. */
  submitApiKey(options: {
    flowId: string;
    apiKey: string;
    browserSecret: string | undefined;
    formToken: string | undefined;
  }): Promise<OAuthPageOutcome>;
}

/** The OAuth 2.0 and API-key broker behind the engine's credential resolver and OAuth pages. */
export function createBroker({
  store,
  providers: providerInputs,
  baseUrl,
  userVerification,
  allowedRedirectOrigins,
  logger = consoleEngineLogger,
  clock = () => new Date(),
  refreshTimeouts,
}: CreateBrokerOptions): Broker {
  const publicUrl = parseBaseUrl(baseUrl);
  const redirectUri = `${publicUrl}/v1/oauth/callback`;
  const verifierUrl = parseUserVerification(userVerification);
  const providers = new Map(parseProviderConfigs(providerInputs).map((p) => [p.id, p]));
  if (verifierUrl === undefined) {
    logger.warn(
      'User verification is in dev mode: whoever opens an authorization link can complete it for the user it was created for. Set userVerification: { verifierUrl } (your app confirms the user with POST /v1/auth/confirm_user) before real users sign in.',
    );
  }
  const context: BrokerContext = {
    store,
    providers,
    logger,
    clock,
    publicUrl,
    redirectUri,
    verifierUrl,
    refreshTimeouts: { ...defaultRefreshTimeouts, ...refreshTimeouts },
    allowedRedirectOrigins: parseAllowedRedirectOrigins(allowedRedirectOrigins),
    failureReports: createFailureReports({ clock }),
  };

  return {
    redirectUri,
    providers,

    async getCredential({ userId, requirement }) {
      const provider = providerForRequirement(providers, requirement);
      const key = { userId, providerId: provider.id };
      const credential = await store.getCredential(key);
      if (credential === undefined || !covers(credential, requirement)) {
        return { type: 'authorization_required' };
      }
      if (provider.type === 'api_key' || isFresh(credential, clock)) {
        return { type: 'token', token: credential.accessToken };
      }
      if (!credential.hasRefreshToken) return { type: 'authorization_required' };
      // Not bound to the caller's signal: concurrent callers share this one refresh.
      return refreshCredential({ ...context, requirement, provider, key });
    },

    async getTokenStatus({ userId, requirement }) {
      const [connection] = await store.listConnections({
        userId,
        providerId: requirement.providerId,
      });
      return connection !== undefined && isUsable(connection, requirement, clock)
        ? 'completed'
        : 'not_started';
    },

    authorize({ userId, requirement, nextUri }) {
      return startOrReuseAuthorization({ ...context, userId, requirement, nextUri });
    },

    getStatus({ id, waitSeconds, signal }) {
      return waitForFlowStatus({ ...context, id, waitSeconds, signal });
    },

    confirmUser({ flowId, userId }) {
      return confirmUser({ ...context, flowId, userId });
    },

    async listConnections(filter) {
      const connections = await store.listConnections({
        ...(filter.userId === undefined ? {} : { userId: filter.userId }),
        ...(filter.providerId === undefined ? {} : { providerId: filter.providerId }),
      });
      return connections.map(
        (connection): UserConnection => ({
          id: toConnectionId(connection),
          userId: connection.userId,
          providerId: connection.providerId,
          providerType: connection.providerType,
          scopes: connection.scopes,
          status: connection.status,
        }),
      );
    },

    async deleteConnection({ id }) {
      const key = fromConnectionId(id);
      if (key === undefined) return false;
      const credential = await store.getCredential(key);
      if (credential === undefined) return false;
      await revokeBestEffort(credential, providers.get(key.providerId), logger);
      return store.deleteConnection(key);
    },

    startAuthorization({ flowId, browserSecret }) {
      return redirectToProvider({ ...context, flowId, browserSecret });
    },

    handleCallback(query, { browserSecret }) {
      return handleOAuthCallback({ ...context, query, browserSecret });
    },

    showApiKeyForm({ flowId, browserSecret }) {
      return showApiKeyForm({ ...context, flowId, browserSecret });
    },

    async checkApiKeyLink({ flowId }) {
      const found = await findPendingFlow(store, flowId, 'api_key', clock);
      return 'id' in found ? undefined : found;
    },

    submitApiKey(options) {
      return submitApiKey({ ...context, ...options });
    },

    secrets: createSecretResolver({ store, clock }),
  };
}

/** Each an origin such as `https://app.example.com`, as `URL.origin` spells it. */
function parseAllowedRedirectOrigins(
  origins: readonly string[] | undefined,
): readonly string[] | undefined {
  if (origins === undefined) return undefined;
  return origins.map((origin) => {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      // Reported below.
    }
    if (
      url === undefined ||
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      url.origin !== origin.replace(/\/+$/, '')
    ) {
      throw new InvalidEngineOptionsError({
        option: 'allowedRedirectOrigins',
        message: `allowedRedirectOrigins must list origins such as https://app.example.com (scheme, host and port only, no path); got '${origin.length > 100 ? `${origin.slice(0, 100)}…` : origin}'.`,
      });
    }
    return url.origin;
  });
}

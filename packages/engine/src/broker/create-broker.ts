import { createHash } from 'node:crypto';
import { ApiError } from '../http/api-error.js';
import { consoleEngineLogger, type EngineLogger } from '../http/engine-logger.js';
import { InvalidEngineOptionsError } from '../http/invalid-engine-options-error.js';
import { buildAuthorizationUrl } from '../oauth/build-authorization-url.js';
import { createPkcePair } from '../oauth/create-pkce-pair.js';
import { exchangeAuthorizationCode } from '../oauth/exchange-authorization-code.js';
import { mergeScopes } from '../oauth/merge-scopes.js';
import { OAuthRequestError } from '../oauth/oauth-request-error.js';
import { OAuthTokenError } from '../oauth/oauth-token-error.js';
import {
  type OAuth2ProviderConfig,
  type ProviderConfig,
  type ProviderConfigInput,
  parseProviderConfigs,
} from '../oauth/provider-config.js';
import { refreshAccessToken } from '../oauth/refresh-access-token.js';
import { revokeToken } from '../oauth/revoke-token.js';
import { scopesCover } from '../oauth/scopes-cover.js';
import { FlowNotPendingError } from '../store/flow-not-pending-error.js';
import type { AuthFlow, Connection, Credential, FlowCredential, Store } from '../store/store.js';
import type {
  Authorization,
  AuthorizationRequirement,
  AuthorizationStatus,
  CredentialLookup,
  CredentialResolver,
  UserConnection,
} from '../tools/credential-resolver.js';
import type { SecretResolver, SecretSummary } from '../tools/secret-resolver.js';
import { fromConnectionId, toConnectionId } from './connection-id.js';
import type { OAuthPageOutcome } from './oauth-page-outcome.js';

// The OAuth 2.0 broker: starts authorization flows (PKCE S256, single-use state), finishes
// them at the callback (with user verification), hands out fresh credentials (one refresh at
// a time per user and provider, across processes on PostgreSQL) and keeps secrets. Everything
// a flow needs is in the store, so a flow started before an engine restart completes after it.

/**
 * `dev`: the callback completes the flow at once; anyone holding the link can complete it.
 * `verifierUrl`: the callback sends the browser to the application's verifier page with
 * `flow_id`, and the flow completes only when the application calls `confirm_user` with the
 * user the flow was started for.
 */
export type UserVerification = { mode: 'dev' } | { verifierUrl: string };

export interface CreateBrokerOptions {
  store: Store;
  /** Parsed or as written in the configuration; parsed (and checked) again here. */
  providers: readonly (ProviderConfig | ProviderConfigInput)[];
  /** The engine's public URL; the redirect URI is `${baseUrl}/v1/oauth/callback`. */
  baseUrl: string;
  userVerification: UserVerification;
  logger?: EngineLogger;
  /** Default: the system clock. Decides token expiry; flow expiry is the store's. */
  clock?: () => Date;
}

export interface Broker extends CredentialResolver, SecretResolver {
  /** Register exactly this at each OAuth provider. */
  readonly redirectUri: string;
  readonly providers: ReadonlyMap<string, ProviderConfig>;
  /** `GET /v1/oauth/start/{flowId}`: the authorization link's target. */
  startAuthorization(options: { flowId: string }): Promise<OAuthPageOutcome>;
  /** `GET /v1/oauth/callback`: the provider's authorization response. */
  handleCallback(query: {
    code?: string | undefined;
    state?: string | undefined;
    error?: string | undefined;
  }): Promise<OAuthPageOutcome>;
  /** `GET /v1/oauth/api-key/{flowId}`. */
  showApiKeyForm(options: { flowId: string }): Promise<OAuthPageOutcome>;
  /** `POST /v1/oauth/api-key/{flowId}`. */
  submitApiKey(options: { flowId: string; apiKey: string }): Promise<OAuthPageOutcome>;
}

/** Refresh this long before expiry, or at half the token's lifetime if that is shorter. */
const refreshMarginMs = 30_000;
const revocationTimeoutMs = 5_000;
/** Prefix of the ids of authorizations that were `completed` at once (no flow behind them). */
const grantedIdPrefix = 'granted.';
const maximumApiKeyLength = 4096;

export function createBroker({
  store,
  providers: providerInputs,
  baseUrl,
  userVerification,
  logger = consoleEngineLogger,
  clock = () => new Date(),
}: CreateBrokerOptions): Broker {
  const publicUrl = parseBaseUrl(baseUrl);
  const redirectUri = `${publicUrl}/v1/oauth/callback`;
  const verifierUrl = parseVerification(userVerification);
  const providers = new Map(parseProviderConfigs(providerInputs).map((p) => [p.id, p]));
  if (verifierUrl === undefined) {
    logger.warn(
      'User verification is in dev mode: whoever opens an authorization link can complete it for the user it was created for. Set userVerification: { verifierUrl } (your app confirms the user with POST /v1/auth/confirm_user) before real users sign in.',
    );
  }

  function providerFor(requirement: AuthorizationRequirement): ProviderConfig {
    const provider = providers.get(requirement.providerId);
    if (provider === undefined) {
      const known = [...providers.keys()];
      throw new ApiError({
        status: 400,
        code: 'provider_not_configured',
        message: `The engine has no provider '${requirement.providerId}'. ${
          known.length === 0
            ? 'No providers are configured; add one to the engine configuration.'
            : `Configured providers: ${known.join(', ')}. Add '${requirement.providerId}' to the engine configuration or use one of these.`
        }`,
      });
    }
    if (provider.type !== requirement.providerType) {
      throw new ApiError({
        status: 400,
        code: 'provider_type_mismatch',
        message: `Provider '${provider.id}' is configured as ${provider.type}, but the requirement asks for ${requirement.providerType}; make the tool's auth and the engine configuration agree.`,
      });
    }
    return provider;
  }

  /** The margin before expiry at which a token counts as expired. */
  function marginFor(connection: Connection): number {
    if (connection.expiresAt === undefined) return 0;
    const lifetime = connection.expiresAt.getTime() - connection.updatedAt.getTime();
    return Math.max(0, Math.min(refreshMarginMs, lifetime / 2));
  }

  function isFresh(connection: Connection): boolean {
    if (connection.expiresAt === undefined) return true;
    return connection.expiresAt.getTime() - marginFor(connection) > clock().getTime();
  }

  function covers(connection: Connection, requirement: AuthorizationRequirement): boolean {
    return (
      connection.status === 'active' &&
      (connection.providerType === 'api_key' ||
        scopesCover({ granted: connection.scopes, requested: requirement.scopes }))
    );
  }

  /** Usable now, or after a refresh. */
  function isUsable(connection: Connection, requirement: AuthorizationRequirement): boolean {
    return covers(connection, requirement) && (connection.hasRefreshToken || isFresh(connection));
  }

  function flowUrl(flow: AuthFlow): string {
    const page = flow.providerType === 'api_key' ? 'api-key' : 'start';
    return `${publicUrl}/v1/oauth/${page}/${encodeURIComponent(flow.id)}`;
  }

  function isExpired(flow: AuthFlow): boolean {
    return flow.expiresAt.getTime() <= Date.now();
  }

  function describeFlow(flow: AuthFlow): Authorization {
    const status: AuthorizationStatus =
      flow.status === 'pending' && isExpired(flow) && !flow.awaitingConfirmation
        ? 'failed'
        : flow.status;
    return {
      id: flow.id,
      status,
      ...(status === 'pending' && !flow.awaitingConfirmation ? { url: flowUrl(flow) } : {}),
      providerId: flow.providerId,
      scopes: flow.scopes,
      userId: flow.userId,
    };
  }

  async function findFlowOrThrow(id: string): Promise<AuthFlow> {
    const flow = await store.findFlow(id);
    if (flow === undefined) {
      throw new ApiError({
        status: 404,
        code: 'authorization_not_found',
        message: `There is no authorization '${id}'. Use the id from an authorize response; flows are kept for a while after they expire (10 minutes after they start).`,
      });
    }
    return flow;
  }

  async function currentStatus(id: string): Promise<Authorization> {
    const granted = decodeGrantedId(id);
    if (granted === undefined) return findFlowOrThrow(id).then(describeFlow);
    const connection = (
      await store.listConnections({ userId: granted.userId, providerId: granted.providerId })
    )[0];
    const requirement = {
      providerId: granted.providerId,
      providerType: connection?.providerType ?? 'oauth2',
      scopes: granted.scopes,
    } as const;
    return {
      id,
      status:
        connection !== undefined && isUsable(connection, requirement) ? 'completed' : 'failed',
      providerId: granted.providerId,
      scopes: granted.scopes,
      userId: granted.userId,
    };
  }

  async function refreshUnderLock(
    requirement: AuthorizationRequirement,
    provider: OAuth2ProviderConfig,
    key: { userId: string; providerId: string },
  ): Promise<CredentialLookup> {
    return store.withRefreshLock(key, async () => {
      // Another caller (here or in another process) may have refreshed while we waited.
      const current = await store.getCredential(key);
      if (current === undefined || !covers(current, requirement)) {
        return { type: 'authorization_required' };
      }
      if (isFresh(current)) return { type: 'token', token: current.accessToken };
      if (current.refreshToken === undefined) return { type: 'authorization_required' };
      try {
        const tokens = await refreshAccessToken({
          provider,
          refreshToken: current.refreshToken,
          scopes: current.scopes,
        });
        await store.saveConnection({
          ...key,
          providerType: 'oauth2',
          scopes: tokens.scopes,
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
          tokenType: tokens.tokenType,
          expiresAt: tokens.expiresAt,
        });
        logger.info('Refreshed an access token', key);
        return { type: 'token', token: tokens.accessToken };
      } catch (error) {
        if (OAuthTokenError.isInstance(error) && error.code === 'invalid_grant') {
          await store.markNeedsReauthorization(key);
          logger.warn(
            'The provider rejected the refresh token (invalid_grant); the connection needs re-authorization',
            key,
          );
          return { type: 'authorization_required' };
        }
        throw providerFailure(error, logger, key);
      }
    });
  }

  async function settleWithCredential(
    flow: AuthFlow,
    credential: FlowCredential,
  ): Promise<OAuthPageOutcome> {
    try {
      if (verifierUrl !== undefined) {
        await store.holdFlowCredential({ flowId: flow.id, credential });
        const target = new URL(verifierUrl);
        target.searchParams.set('flow_id', flow.id);
        return { type: 'redirect', location: target.href };
      }
      await store.completeFlow({ flowId: flow.id, credential });
    } catch (error) {
      if (FlowNotPendingError.isInstance(error)) {
        return page(409, 'flow_not_pending', 'Authorization already settled', error.message);
      }
      throw error;
    }
    logger.info('Authorization completed', { flowId: flow.id, providerId: flow.providerId });
    return completedOutcome(flow.nextUri);
  }

  async function failFlow(flowId: string, reason: string): Promise<void> {
    if (await store.failFlow({ flowId, reason })) {
      logger.warn('Authorization flow failed', { flowId, reason });
    }
  }

  async function pendingFlow(
    flowId: string,
    providerType: 'oauth2' | 'api_key',
  ): Promise<AuthFlow | OAuthPageOutcome> {
    const flow = await store.findFlow(flowId);
    if (flow === undefined || flow.providerType !== providerType) {
      return page(
        404,
        'authorization_not_found',
        'Unknown authorization link',
        'This authorization link is not known to the engine. Go back to the application and start the authorization again.',
      );
    }
    if (flow.status !== 'pending' || flow.consumedAt !== undefined || isExpired(flow)) {
      return page(
        410,
        'authorization_link_used',
        'Authorization link no longer valid',
        flow.status === 'completed'
          ? 'This authorization is already complete. You can close this window.'
          : 'This authorization link has expired or was already used. Go back to the application and start the authorization again.',
      );
    }
    return flow;
  }

  return {
    redirectUri,
    providers,

    async getCredential({ userId, requirement }) {
      const provider = providerFor(requirement);
      const key = { userId, providerId: provider.id };
      const credential = await store.getCredential(key);
      if (credential === undefined || !covers(credential, requirement)) {
        return { type: 'authorization_required' };
      }
      if (provider.type === 'api_key' || isFresh(credential)) {
        return { type: 'token', token: credential.accessToken };
      }
      if (!credential.hasRefreshToken) return { type: 'authorization_required' };
      // Not bound to the caller's signal: concurrent callers share this one refresh.
      return refreshUnderLock(requirement, provider, key);
    },

    async getTokenStatus({ userId, requirement }) {
      const [connection] = await store.listConnections({
        userId,
        providerId: requirement.providerId,
      });
      return connection !== undefined && isUsable(connection, requirement)
        ? 'completed'
        : 'not_started';
    },

    async authorize({ userId, requirement, nextUri }) {
      const provider = providerFor(requirement);
      const [connection] = await store.listConnections({ userId, providerId: provider.id });
      if (connection !== undefined && isUsable(connection, requirement)) {
        const scopes = mergeScopes(requirement.scopes);
        return {
          id: encodeGrantedId({ userId, providerId: provider.id, scopes }),
          status: 'completed',
          providerId: provider.id,
          scopes,
          userId,
        };
      }
      // Scopes accumulate: the new grant keeps what the user granted before.
      const scopes =
        provider.type === 'api_key'
          ? []
          : mergeScopes(connection?.scopes ?? [], requirement.scopes);
      const flow = await store.createFlow({
        userId,
        providerId: provider.id,
        providerType: provider.type,
        scopes,
        pkceVerifier:
          provider.type === 'oauth2' && provider.pkce ? createPkcePair().codeVerifier : undefined,
        redirectUri: provider.type === 'oauth2' ? redirectUri : undefined,
        nextUri,
      });
      logger.info('Authorization flow started', {
        flowId: flow.id,
        userId,
        providerId: provider.id,
      });
      return describeFlow(flow);
    },

    async getStatus({ id, waitSeconds, signal }) {
      if (id.startsWith(grantedIdPrefix) || waitSeconds <= 0 || signal?.aborted) {
        return currentStatus(id);
      }
      // Listen before reading, so a flow that settles in between still wakes this wait.
      let wake: () => void = () => {};
      const woken = new Promise<void>((resolve) => {
        wake = resolve;
      });
      const stopListening = store.onFlowSettled(id, () => wake());
      const onAbort = () => wake();
      signal?.addEventListener('abort', onAbort, { once: true });
      let timer: NodeJS.Timeout | undefined;
      try {
        const flow = await findFlowOrThrow(id);
        const described = describeFlow(flow);
        if (described.status !== 'pending') return described;
        const waitMs = Math.min(
          waitSeconds * 1000,
          flow.awaitingConfirmation
            ? Number.POSITIVE_INFINITY
            : flow.expiresAt.getTime() - Date.now(),
        );
        timer = setTimeout(wake, Math.max(0, waitMs));
        await woken;
        return describeFlow(await findFlowOrThrow(id));
      } finally {
        clearTimeout(timer);
        stopListening();
        signal?.removeEventListener('abort', onAbort);
      }
    },

    async confirmUser({ flowId, userId }) {
      const flow = await findFlowOrThrow(flowId);
      const confirmed = {
        authorizationId: flow.id,
        ...(flow.nextUri === undefined ? {} : { nextUri: flow.nextUri }),
      };
      if (flow.status === 'completed' && flow.userId === userId) return confirmed;
      if (flow.status !== 'pending') {
        throw new ApiError({
          status: 409,
          code: 'authorization_not_pending',
          message: `Authorization '${flowId}' is already ${flow.status}; nothing to confirm. Start a new authorization for the user.`,
        });
      }
      if (!flow.awaitingConfirmation) {
        throw new ApiError({
          status: 409,
          code: 'authorization_not_ready',
          message: `Authorization '${flowId}' is still waiting for the user to finish at the provider; call confirm_user from your verifier page, after the engine sent the user there with this flow_id.`,
        });
      }
      if (flow.userId !== userId) {
        await failFlow(flowId, 'user_mismatch');
        throw new ApiError({
          status: 400,
          code: 'user_mismatch',
          message: `Authorization '${flowId}' was started for another user than '${userId}', so it has failed and nothing was stored. Confirm with the id of the signed-in user the authorization was started for, or start a new authorization for '${userId}'.`,
        });
      }
      try {
        await store.completeFlow({ flowId });
      } catch (error) {
        if (FlowNotPendingError.isInstance(error)) {
          throw new ApiError({
            status: 409,
            code: 'authorization_not_pending',
            message: error.message,
          });
        }
        throw error;
      }
      logger.info('Authorization confirmed and completed', { flowId, providerId: flow.providerId });
      return confirmed;
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

    async startAuthorization({ flowId }) {
      const flow = await pendingFlow(flowId, 'oauth2');
      if (!('id' in flow)) return flow;
      const provider = providers.get(flow.providerId);
      if (provider?.type !== 'oauth2' || flow.redirectUri === undefined) {
        await failFlow(flow.id, 'provider_not_configured');
        return page(
          404,
          'provider_not_configured',
          'Provider not configured',
          `The engine no longer has the OAuth provider '${flow.providerId}' this authorization was started for. Ask the application's operator to configure it, then start again.`,
        );
      }
      return {
        type: 'redirect',
        location: buildAuthorizationUrl({
          provider,
          redirectUri: flow.redirectUri,
          scopes: flow.scopes,
          state: flow.state,
          codeChallenge:
            flow.pkceVerifier === undefined ? undefined : challengeOf(flow.pkceVerifier),
        }),
      };
    },

    async handleCallback({ code, state, error }) {
      if (state === undefined || state === '') {
        return page(
          400,
          'state_missing',
          'Authorization failed',
          'The provider sent the browser back without a state parameter, so the engine cannot tell which authorization this is. Go back to the application and start the authorization again.',
        );
      }
      const consumed = await store.consumeState(state);
      if (consumed.outcome === 'unknown') {
        return page(
          400,
          'state_unknown',
          'Authorization failed',
          'This authorization response does not belong to any authorization the engine started. Go back to the application and start the authorization again.',
        );
      }
      if (consumed.outcome === 'already_used') {
        // Left alone: the first response may still be completing, and a replayed code is
        // useless without the flow's PKCE verifier.
        return page(
          400,
          'state_already_used',
          'Authorization link already used',
          'This authorization response was already handled; a response is accepted only once. If the authorization did not complete, go back to the application and start it again.',
        );
      }
      if (consumed.outcome === 'expired') {
        await failFlow(consumed.flowId, 'expired');
        return page(
          400,
          'state_expired',
          'Authorization expired',
          'This authorization took longer than 10 minutes and has expired. Go back to the application and start the authorization again.',
        );
      }
      const { flow } = consumed;
      if (error !== undefined && error !== '') {
        const reason = safeErrorCode(error);
        await failFlow(flow.id, `provider_error:${reason}`);
        return page(
          400,
          'provider_error',
          reason === 'access_denied' ? 'Authorization denied' : 'Authorization failed',
          reason === 'access_denied'
            ? 'Access was not granted at the provider, so nothing was connected. Go back to the application and start again if you change your mind.'
            : `The provider answered with the error '${reason}', so nothing was connected. Go back to the application and start the authorization again.`,
        );
      }
      const provider = providers.get(flow.providerId);
      if (code === undefined || code === '' || provider?.type !== 'oauth2') {
        await failFlow(
          flow.id,
          provider === undefined ? 'provider_not_configured' : 'code_missing',
        );
        return page(
          400,
          provider === undefined ? 'provider_not_configured' : 'code_missing',
          'Authorization failed',
          provider === undefined
            ? `The engine no longer has the provider '${flow.providerId}' this authorization was started for. Ask the application's operator to configure it, then start again.`
            : 'The provider sent the browser back without an authorization code. Go back to the application and start the authorization again.',
        );
      }
      let tokens: Awaited<ReturnType<typeof exchangeAuthorizationCode>>;
      try {
        tokens = await exchangeAuthorizationCode({
          provider,
          code,
          redirectUri: flow.redirectUri ?? redirectUri,
          codeVerifier: flow.pkceVerifier,
          scopes: flow.scopes,
        });
      } catch (exchangeError) {
        const reason = OAuthTokenError.isInstance(exchangeError)
          ? `code_exchange_failed:${safeErrorCode(exchangeError.code)}`
          : 'code_exchange_failed';
        logger.error('The authorization code exchange failed', {
          flowId: flow.id,
          providerId: flow.providerId,
          error: describeError(exchangeError),
        });
        await failFlow(flow.id, reason);
        return page(
          502,
          'code_exchange_failed',
          'Authorization failed',
          `The engine could not exchange the authorization for a token at '${flow.providerId}', so nothing was connected. Go back to the application and start the authorization again; if it keeps failing, the engine's operator finds the reason in its log.`,
        );
      }
      return settleWithCredential(flow, {
        scopes: tokens.scopes,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        tokenType: tokens.tokenType,
        expiresAt: tokens.expiresAt,
      });
    },

    async showApiKeyForm({ flowId }) {
      const flow = await pendingFlow(flowId, 'api_key');
      if (!('id' in flow)) return flow;
      return apiKeyForm(flow, providers.get(flow.providerId));
    },

    async submitApiKey({ flowId, apiKey }) {
      const flow = await pendingFlow(flowId, 'api_key');
      if (!('id' in flow)) return flow;
      const key = apiKey.trim();
      if (key === '' || key.length > maximumApiKeyLength) {
        return {
          ...apiKeyForm(flow, providers.get(flow.providerId)),
          problem:
            key === ''
              ? 'Enter your API key.'
              : `That is longer than ${maximumApiKeyLength} characters; paste only the key.`,
        };
      }
      // The flow's state makes the submission single-use, like an OAuth callback.
      const consumed = await store.consumeState(flow.state);
      if (consumed.outcome !== 'consumed') {
        return page(
          410,
          'authorization_link_used',
          'Authorization link no longer valid',
          'This authorization link has expired or was already used. Go back to the application and start the authorization again.',
        );
      }
      return settleWithCredential(flow, { scopes: [], accessToken: key });
    },

    async getSecrets({ keys, userId }) {
      const values: Record<string, string | undefined> = {};
      await Promise.all(
        keys.map(async (key) => {
          values[key] =
            (userId === undefined ? undefined : await store.getSecret({ key, userId })) ??
            (await store.getSecret({ key }));
        }),
      );
      return values;
    },

    async listSecrets({ userId }) {
      const engineWide = await store.listSecretKeys({});
      const own = userId === undefined ? [] : await store.listSecretKeys({ userId });
      return [...engineWide, ...own].map(
        (secret): SecretSummary => ({
          key: secret.key,
          userId: secret.userId,
          updatedAt: secret.updatedAt,
        }),
      );
    },

    async setSecret({ key, value, userId }) {
      // The store keeps no description, so none is echoed back as if it were kept.
      await store.setSecret({ key, value, userId });
      const saved = (await store.listSecretKeys({ userId })).find((secret) => secret.key === key);
      return { key, userId, updatedAt: saved?.updatedAt ?? clock() };
    },

    deleteSecret({ key, userId }) {
      return store.deleteSecret({ key, userId });
    },
  };
}

function page(
  status: 200 | 400 | 404 | 409 | 410 | 502,
  code: string,
  title: string,
  message: string,
): OAuthPageOutcome {
  return { type: 'page', status, code, title, message };
}

function completedOutcome(nextUri: string | undefined): OAuthPageOutcome {
  if (nextUri !== undefined) return { type: 'redirect', location: nextUri };
  return page(
    200,
    'authorization_completed',
    'Authorization complete',
    'You are connected. You can close this window and return to the application.',
  );
}

function apiKeyForm(flow: AuthFlow, provider: ProviderConfig | undefined) {
  return {
    type: 'api_key_form' as const,
    flowId: flow.id,
    providerName: (provider?.type === 'api_key' ? provider.name : undefined) ?? flow.providerId,
    description: provider?.type === 'api_key' ? provider.description : undefined,
  };
}

function challengeOf(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier).digest('base64url');
}

/** An OAuth error code as far as it is safe to show: RFC 6749 codes are [\x20-\x7E] words. */
function safeErrorCode(code: string): string {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : 'unrecognized_error';
}

function describeError(error: unknown): string {
  // The OAuth helpers' messages name provider, operation and code only, never a secret.
  if (OAuthTokenError.isInstance(error) || OAuthRequestError.isInstance(error)) {
    return error.message;
  }
  return error instanceof Error ? error.name : 'unknown error';
}

function providerFailure(
  error: unknown,
  logger: EngineLogger,
  key: { userId: string; providerId: string },
): ApiError {
  logger.error('Refreshing an access token failed', { ...key, error: describeError(error) });
  return new ApiError({
    status: 502,
    code: 'provider_refresh_failed',
    message:
      OAuthTokenError.isInstance(error) || OAuthRequestError.isInstance(error)
        ? error.message
        : `Refreshing the access token at '${key.providerId}' failed; try again. The engine log has the details.`,
    cause: error,
  });
}

async function revokeBestEffort(
  credential: Credential,
  provider: ProviderConfig | undefined,
  logger: EngineLogger,
): Promise<void> {
  if (provider?.type !== 'oauth2' || provider.revokeUrl === undefined) return;
  // Revoking the refresh token ends the grant at most providers; else the access token.
  const [token, tokenTypeHint] =
    credential.refreshToken === undefined
      ? [credential.accessToken, 'access_token' as const]
      : [credential.refreshToken, 'refresh_token' as const];
  try {
    await revokeToken({ provider, token, tokenTypeHint, timeoutMs: revocationTimeoutMs });
  } catch (error) {
    logger.warn('Revoking the token at the provider failed; the connection is deleted anyway', {
      userId: credential.userId,
      providerId: credential.providerId,
      error: describeError(error),
    });
  }
}

function encodeGrantedId(granted: {
  userId: string;
  providerId: string;
  scopes: string[];
}): string {
  return `${grantedIdPrefix}${Buffer.from(
    JSON.stringify([granted.userId, granted.providerId, granted.scopes]),
  ).toString('base64url')}`;
}

function decodeGrantedId(
  id: string,
): { userId: string; providerId: string; scopes: string[] } | undefined {
  if (!id.startsWith(grantedIdPrefix)) return undefined;
  try {
    const [userId, providerId, scopes] = JSON.parse(
      Buffer.from(id.slice(grantedIdPrefix.length), 'base64url').toString('utf8'),
    ) as unknown[];
    if (
      typeof userId === 'string' &&
      typeof providerId === 'string' &&
      Array.isArray(scopes) &&
      scopes.every((scope) => typeof scope === 'string')
    ) {
      return { userId, providerId, scopes };
    }
  } catch {
    // Answered as unknown below.
  }
  return undefined;
}

function parseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InvalidEngineOptionsError({
      option: 'baseUrl',
      message: `baseUrl '${baseUrl}' is not an absolute URL; set it to the engine's public URL, for example http://127.0.0.1:4100.`,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidEngineOptionsError({
      option: 'baseUrl',
      message: `baseUrl must be an http or https URL, got a ${url.protocol} URL; set it to the engine's public URL.`,
    });
  }
  return url.href.replace(/\/+$/, '');
}

function parseVerification(userVerification: UserVerification): string | undefined {
  if ('mode' in userVerification && userVerification.mode === 'dev') return undefined;
  const verifierUrl = (userVerification as { verifierUrl?: unknown }).verifierUrl;
  if (typeof verifierUrl === 'string') {
    try {
      const url = new URL(verifierUrl);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // Reported below.
    }
  }
  throw new InvalidEngineOptionsError({
    option: 'userVerification',
    message:
      "userVerification must be { mode: 'dev' } or { verifierUrl: 'https://your.app/verify' } (an absolute http or https URL of your app's page that calls POST /v1/auth/confirm_user).",
  });
}

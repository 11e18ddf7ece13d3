import { ApiError } from '../http/api-error.js';
import type { EngineLogger } from '../http/engine-logger.js';
import { OAuthRequestError } from '../oauth/oauth-request-error.js';
import { OAuthTokenError } from '../oauth/oauth-token-error.js';
import type { OAuth2ProviderConfig } from '../oauth/provider-config.js';
import { refreshAccessToken } from '../oauth/refresh-access-token.js';
import type { AuthorizationRequirement, CredentialLookup } from '../tools/credential-resolver.js';
import type { BrokerContext } from './broker-context.js';
import { covers, isFresh } from './connection-usability.js';
import { describeError } from './describe-error.js';

// One refresh at a time per user and provider (across processes on PostgreSQL); a refresh
// token the provider rejects with invalid_grant marks the connection for re-authorization.

export async function refreshCredential({
  store,
  logger,
  clock,
  requirement,
  provider,
  key,
}: Pick<BrokerContext, 'store' | 'logger' | 'clock'> & {
  requirement: AuthorizationRequirement;
  provider: OAuth2ProviderConfig;
  key: { userId: string; providerId: string };
}): Promise<CredentialLookup> {
  return store.withRefreshLock(key, async () => {
    // Another caller (here or in another process) may have refreshed while we waited.
    const current = await store.getCredential(key);
    if (current === undefined || !covers(current, requirement)) {
      return { type: 'authorization_required' };
    }
    if (isFresh(current, clock)) return { type: 'token', token: current.accessToken };
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

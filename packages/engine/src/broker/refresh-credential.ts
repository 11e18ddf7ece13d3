import { OAuthRequestError } from '../oauth/oauth-request-error.js';
import { OAuthTokenError } from '../oauth/oauth-token-error.js';
import type { OAuth2ProviderConfig } from '../oauth/provider-config.js';
import { refreshAccessToken } from '../oauth/refresh-access-token.js';
import type { EngineLogger } from '../shared/engine-logger.js';
import type { AuthorizationRequirement, CredentialLookup } from '../tools/credential-resolver.js';
import type { BrokerContext, RefreshTimeouts } from './broker-context.js';
import { covers, isFresh } from './connection-usability.js';
import { describeError } from './describe-error.js';
import { TokenRefreshFailedError } from './token-refresh-failed-error.js';
import { TokenRefreshTimeoutError } from './token-refresh-timeout-error.js';

// One refresh at a time per user and provider (across processes on PostgreSQL); a refresh
// token the provider rejects with invalid_grant marks the connection for re-authorization.
//
// A provider that rotates refresh tokens invalidates the old one when it answers, so the
// answer must not be lost: the attempt is recorded before the request; the caller stops
// waiting after `answerMs`, but the request (and the lock) lives on until `giveUpMs`, and a
// late answer is still saved. Saving the tokens clears the record in the same statement.

export const defaultRefreshTimeouts: RefreshTimeouts = { answerMs: 30_000, giveUpMs: 120_000 };

/** Refreshes a connection's access token, one refresh at a time per user and provider. */
export async function refreshCredential({
  store,
  logger,
  clock,
  refreshTimeouts = defaultRefreshTimeouts,
  requirement,
  provider,
  key,
  recovering = false,
}: Pick<BrokerContext, 'store' | 'logger' | 'clock'> & {
  refreshTimeouts?: RefreshTimeouts | undefined;
  /** Refresh while an interrupted attempt is on record, even if the access token is fresh. */
  recovering?: boolean;
  requirement: AuthorizationRequirement;
  provider: OAuth2ProviderConfig;
  key: { userId: string; providerId: string };
}): Promise<CredentialLookup> {
  const refresh = store.withRefreshLock(key, async (): Promise<CredentialLookup> => {
    // Another caller (here or in another process) may have refreshed while we waited.
    const current = await store.getCredential(key);
    if (current === undefined || !covers(current, requirement)) {
      return { type: 'authorization_required' };
    }
    const interrupted = current.refreshStartedAt;
    if (isFresh(current, clock) && !(recovering && interrupted !== undefined)) {
      return { type: 'token', token: current.accessToken };
    }
    if (current.refreshToken === undefined) return { type: 'authorization_required' };
    if (interrupted !== undefined) {
      // We hold the lock, so whoever started that attempt is gone or gave up.
      logger.warn(
        'A refresh started earlier did not finish (the engine stopped, or the provider never answered); retrying with the stored refresh token, which a provider that rotates refresh tokens accepts only within its reuse grace period',
        { ...key, startedAt: interrupted.toISOString() },
      );
    }
    await store.beginRefreshAttempt(key);
    try {
      const tokens = await refreshAccessToken({
        provider,
        refreshToken: current.refreshToken,
        scopes: current.scopes,
        timeoutMs: refreshTimeouts.giveUpMs,
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
          interrupted === undefined
            ? 'The provider rejected the refresh token (invalid_grant); the connection needs re-authorization'
            : 'The provider rejected the refresh token (invalid_grant) after an interrupted refresh: it had rotated the token and allows no reuse (or the grace period passed); the connection needs re-authorization',
          key,
        );
        return { type: 'authorization_required' };
      }
      // Without an answer the provider may have rotated the token: the record stays.
      if (!isWithoutAnswer(error)) await store.endRefreshAttempt(key);
      throw providerFailure(error, logger, key);
    }
  });
  return awaitAnswer({ refresh, answerMs: refreshTimeouts.answerMs, key });
}

/** The caller's wait, bounded; the refresh itself goes on and saves a late answer. */
async function awaitAnswer({
  refresh,
  answerMs,
  key,
}: {
  refresh: Promise<CredentialLookup>;
  answerMs: number;
  key: { userId: string; providerId: string };
}): Promise<CredentialLookup> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new TokenRefreshTimeoutError({ providerId: key.providerId, answerMs }));
    }, answerMs);
  });
  try {
    return await Promise.race([refresh, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function isWithoutAnswer(error: unknown): boolean {
  return (
    OAuthRequestError.isInstance(error) &&
    (error.reason === 'timeout' || error.reason === 'unreachable')
  );
}

function providerFailure(
  error: unknown,
  logger: EngineLogger,
  key: { userId: string; providerId: string },
): TokenRefreshFailedError {
  // The log may say what the provider said (redacted); the caller gets our words only.
  logger.error('Refreshing an access token failed', { ...key, error: describeError(error) });
  return new TokenRefreshFailedError({ providerId: key.providerId, cause: error });
}

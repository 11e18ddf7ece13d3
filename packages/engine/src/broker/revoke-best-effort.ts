import type { ProviderConfig } from '../oauth/provider-config.js';
import { revokeToken } from '../oauth/revoke-token.js';
import type { EngineLogger } from '../shared/engine-logger.js';
import type { Credential } from '../store/store.js';
import { describeError } from './describe-error.js';

const revocationTimeoutMs = 5_000;

/** Ends the grant at the provider if it can; a failure is logged, never thrown. */
export async function revokeBestEffort(
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

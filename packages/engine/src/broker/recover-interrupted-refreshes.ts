import type { ProviderConfig } from '../oauth/provider-config.js';
import type { EngineLogger } from '../shared/engine-logger.js';
import type { Store } from '../store/store.js';
import type { RefreshTimeouts } from './broker-context.js';
import { describeError } from './describe-error.js';
import { refreshCredential } from './refresh-credential.js';

/**
 * At start-up: refreshes at once every connection whose last refresh was cut off (the engine
 * died after sending it), rather than on its next use, because a provider that rotated the
 * refresh token accepts the stored one only within its reuse grace period (often seconds).
 * Each refresh takes the usual per-connection lock, so one still running in another process
 * is waited for, not repeated. Failures are logged; the next use tries again.
 */
export async function recoverInterruptedRefreshes({
  store,
  providers,
  logger,
  refreshTimeouts,
}: {
  store: Store;
  providers: readonly ProviderConfig[];
  logger: EngineLogger;
  refreshTimeouts?: RefreshTimeouts | undefined;
}): Promise<void> {
  const interrupted = (await store.listConnections({})).filter(
    (connection) =>
      connection.refreshStartedAt !== undefined &&
      connection.status === 'active' &&
      connection.hasRefreshToken,
  );
  for (const connection of interrupted) {
    const provider = providers.find((candidate) => candidate.id === connection.providerId);
    if (provider?.type !== 'oauth2') continue;
    const key = { userId: connection.userId, providerId: connection.providerId };
    try {
      await refreshCredential({
        store,
        logger,
        clock: () => new Date(),
        refreshTimeouts,
        // Whatever the access token's expiry: the refresh token is what is at stake.
        recovering: true,
        requirement: { providerId: provider.id, providerType: 'oauth2', scopes: [] },
        provider,
        key,
      });
    } catch (error) {
      logger.warn(
        'Recovering an interrupted refresh failed; the next use of the connection tries again',
        {
          ...key,
          error: describeError(error),
        },
      );
    }
  }
}

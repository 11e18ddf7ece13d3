import { createHash } from 'node:crypto';
import { buildAuthorizationUrl } from '../oauth/build-authorization-url.js';
import { bindFlowToBrowser } from './bind-flow-to-browser.js';
import type { BrokerContext } from './broker-context.js';
import { failFlow } from './fail-flow.js';
import { findPendingFlow } from './find-pending-flow.js';
import { page } from './oauth-page.js';
import type { OAuthPageOutcome } from './oauth-page-outcome.js';

/**
 * `GET /v1/oauth/start/{flowId}`: binds the flow to this browser (the first to open the link)
 * and sends it on to the provider's consent page.
 */
export async function redirectToProvider({
  store,
  providers,
  logger,
  clock,
  flowId,
  browserSecret,
}: Pick<BrokerContext, 'store' | 'providers' | 'logger' | 'clock'> & {
  flowId: string;
  /** From the browser's binding cookie, or a new one the answer sets. */
  browserSecret: string;
}): Promise<OAuthPageOutcome> {
  const found = await findPendingFlow(store, flowId, 'oauth2', clock);
  if (!('id' in found)) return found;
  const flow = await bindFlowToBrowser({ store, flow: found, browserSecret });
  if (!('id' in flow)) return flow;
  const provider = providers.get(flow.providerId);
  if (provider?.type !== 'oauth2' || flow.redirectUri === undefined) {
    await failFlow({ store, logger, flowId: flow.id, reason: 'provider_not_configured' });
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
      codeChallenge: flow.pkceVerifier === undefined ? undefined : challengeOf(flow.pkceVerifier),
    }),
  };
}

function challengeOf(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier).digest('base64url');
}

import type { ProviderConfig } from '../oauth/provider-config.js';
import type { AuthFlow } from '../store/store.js';
import type { BrokerContext } from './broker-context.js';
import { findPendingFlow } from './find-pending-flow.js';
import { page } from './oauth-page.js';
import type { OAuthPageOutcome } from './oauth-page-outcome.js';
import { settleFlowWithCredential } from './settle-flow-with-credential.js';

// The browser form where a user enters an API key for an `api_key` flow.

const maximumApiKeyLength = 4096;

/** `GET /v1/oauth/api-key/{flowId}`. */
export async function showApiKeyForm({
  store,
  providers,
  flowId,
}: Pick<BrokerContext, 'store' | 'providers'> & { flowId: string }): Promise<OAuthPageOutcome> {
  const flow = await findPendingFlow(store, flowId, 'api_key');
  if (!('id' in flow)) return flow;
  return apiKeyForm(flow, providers.get(flow.providerId));
}

/** `POST /v1/oauth/api-key/{flowId}`. */
export async function submitApiKey({
  store,
  providers,
  logger,
  verifierUrl,
  flowId,
  apiKey,
}: Pick<BrokerContext, 'store' | 'providers' | 'logger' | 'verifierUrl'> & {
  flowId: string;
  apiKey: string;
}): Promise<OAuthPageOutcome> {
  const flow = await findPendingFlow(store, flowId, 'api_key');
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
  return settleFlowWithCredential({
    store,
    logger,
    verifierUrl,
    flow,
    credential: { scopes: [], accessToken: key },
  });
}

function apiKeyForm(flow: AuthFlow, provider: ProviderConfig | undefined) {
  return {
    type: 'api_key_form' as const,
    flowId: flow.id,
    providerName: (provider?.type === 'api_key' ? provider.name : undefined) ?? flow.providerId,
    description: provider?.type === 'api_key' ? provider.description : undefined,
  };
}

import type { ProviderConfig } from '../oauth/provider-config.js';
import type { AuthFlow } from '../store/store.js';
import { bindFlowToBrowser } from './bind-flow-to-browser.js';
import type { BrokerContext } from './broker-context.js';
import { formTokenFor, isBoundBrowser, isValidFormToken } from './browser-binding.js';
import { findPendingFlow } from './find-pending-flow.js';
import { page } from './oauth-page.js';
import type { OAuthPageOutcome } from './oauth-page-outcome.js';
import { settleFlowWithCredential } from './settle-flow-with-credential.js';

// The browser form where a user enters an API key for an `api_key` flow.

const maximumApiKeyLength = 4096;

/** `GET /v1/oauth/api-key/{flowId}`: binds the flow to this browser, like the OAuth link. */
export async function showApiKeyForm({
  store,
  providers,
  clock,
  flowId,
  browserSecret,
}: Pick<BrokerContext, 'store' | 'providers' | 'clock'> & {
  flowId: string;
  /** From the browser's binding cookie, or a new one the answer sets. */
  browserSecret: string;
}): Promise<OAuthPageOutcome> {
  const found = await findPendingFlow(store, flowId, 'api_key', clock);
  if (!('id' in found)) return found;
  const flow = await bindFlowToBrowser({ store, flow: found, browserSecret });
  if (!('id' in flow)) return flow;
  return apiKeyForm(flow, providers.get(flow.providerId), browserSecret);
}

/**
 * `POST /v1/oauth/api-key/{flowId}`. Accepted only from the browser the form was shown to: its
 * binding cookie (SameSite=Lax, so a cross-site POST comes without it) and the form's hidden
 * token, which a page of another site cannot know. A refused submission changes nothing, so
 * a forged post cannot end the user's flow either.
 */
export async function submitApiKey({
  store,
  providers,
  logger,
  clock,
  verifierUrl,
  allowedRedirectOrigins,
  flowId,
  apiKey,
  browserSecret,
  formToken,
}: Pick<
  BrokerContext,
  'store' | 'providers' | 'logger' | 'clock' | 'verifierUrl' | 'allowedRedirectOrigins'
> & {
  flowId: string;
  apiKey: string;
  /** From the browser's binding cookie; undefined when it sent none. */
  browserSecret: string | undefined;
  /** The form's hidden `form_token` field. */
  formToken: string | undefined;
}): Promise<OAuthPageOutcome> {
  const flow = await findPendingFlow(store, flowId, 'api_key', clock);
  if (!('id' in flow)) return flow;
  if (
    browserSecret === undefined ||
    !isBoundBrowser(flow, browserSecret) ||
    !isValidFormToken({ secret: browserSecret, flowId: flow.id, formToken })
  ) {
    return page(
      403,
      'browser_mismatch',
      'Form not accepted',
      'This key was not sent from the form the engine showed in this browser, so it was refused and nothing was stored. Open the link in the same browser you started in and enter the key on that page; if it keeps failing, go back to the application and start the authorization again.',
    );
  }
  const key = apiKey.trim();
  if (key === '' || key.length > maximumApiKeyLength) {
    return {
      ...apiKeyForm(flow, providers.get(flow.providerId), browserSecret),
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
    allowedRedirectOrigins,
    flow,
    credential: { scopes: [], accessToken: key },
  });
}

function apiKeyForm(flow: AuthFlow, provider: ProviderConfig | undefined, browserSecret: string) {
  return {
    type: 'api_key_form' as const,
    flowId: flow.id,
    formToken: formTokenFor({ secret: browserSecret, flowId: flow.id }),
    providerName: (provider?.type === 'api_key' ? provider.name : undefined) ?? flow.providerId,
    description: provider?.type === 'api_key' ? provider.description : undefined,
  };
}

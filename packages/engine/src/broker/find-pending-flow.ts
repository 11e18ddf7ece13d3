import { findIdentityValueProblem } from '../shared/identity-value.js';
import type { AuthFlow, Store } from '../store/store.js';
import { isExpired } from './describe-flow.js';
import { page } from './oauth-page.js';
import type { OAuthPageOutcome } from './oauth-page-outcome.js';

/** The flow behind a browser link, or the page that says why the link is no longer good. */
export async function findPendingFlow(
  store: Store,
  flowId: string,
  providerType: 'oauth2' | 'api_key',
  clock: () => Date,
): Promise<AuthFlow | OAuthPageOutcome> {
  const problem = findIdentityValueProblem(flowId);
  if (problem !== undefined) {
    return page(
      400,
      'invalid_flow_id',
      'Malformed authorization link',
      `This authorization link is damaged: its flow id ${problem}. Open the link exactly as the application gave it, or go back to the application and start the authorization again.`,
    );
  }
  const flow = await store.findFlow(flowId);
  if (flow === undefined || flow.providerType !== providerType) {
    return page(
      404,
      'authorization_not_found',
      'Unknown authorization link',
      'This authorization link is not known to the engine. Go back to the application and start the authorization again.',
    );
  }
  if (flow.status !== 'pending' || flow.consumedAt !== undefined || isExpired(flow, clock)) {
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

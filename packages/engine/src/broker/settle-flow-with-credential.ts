import { FlowNotPendingError } from '../store/flow-not-pending-error.js';
import type { AuthFlow, FlowCredential } from '../store/store.js';
import type { BrokerContext } from './broker-context.js';
import { nextUriProblem } from './next-uri-problem.js';
import { page } from './oauth-page.js';
import type { OAuthPageOutcome } from './oauth-page-outcome.js';

/**
 * The user finished at the provider (or entered a key): in dev mode the flow completes now;
 * with a verifier the credential is held and the browser goes to the application's verifier
 * page, and the flow completes when the application calls `confirm_user`.
 */
export async function settleFlowWithCredential({
  store,
  logger,
  verifierUrl,
  allowedRedirectOrigins,
  flow,
  credential,
}: Pick<BrokerContext, 'store' | 'logger' | 'verifierUrl' | 'allowedRedirectOrigins'> & {
  flow: AuthFlow;
  credential: FlowCredential;
}): Promise<OAuthPageOutcome> {
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
  // Checked again here, not only when the flow started: a flow stored by an older engine, or
  // before the allow-list was set, must not send the browser somewhere unsafe.
  if (flow.nextUri !== undefined && nextUriProblem(flow.nextUri, allowedRedirectOrigins)) {
    logger.warn("Not redirecting to the flow's next_uri: it is not an allowed http(s) URL", {
      flowId: flow.id,
    });
    return completedOutcome(undefined);
  }
  return completedOutcome(flow.nextUri);
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

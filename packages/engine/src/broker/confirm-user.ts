import { ApiError } from '../http/api-error.js';
import { FlowNotPendingError } from '../store/flow-not-pending-error.js';
import type { BrokerContext } from './broker-context.js';
import { failFlow } from './fail-flow.js';
import { findFlowOrThrow } from './find-flow-or-throw.js';
import { nextUriProblem } from './next-uri-problem.js';

/**
 * `POST /v1/auth/confirm_user`: completes a flow held for verification when the application
 * vouches for the user it was started for; any other user fails the flow. Only a flow whose
 * provider response (or API key) arrived in the browser that opened its link can be
 * confirmed: the credential is held only after the callback or the form checked that binding.
 */
export async function confirmUser({
  store,
  logger,
  allowedRedirectOrigins,
  flowId,
  userId,
}: Pick<BrokerContext, 'store' | 'logger' | 'allowedRedirectOrigins'> & {
  flowId: string;
  userId: string;
}): Promise<{ authorizationId: string; nextUri?: string | undefined }> {
  const flow = await findFlowOrThrow(store, flowId);
  const confirmed = {
    authorizationId: flow.id,
    ...(flow.nextUri === undefined || nextUriProblem(flow.nextUri, allowedRedirectOrigins)
      ? {}
      : { nextUri: flow.nextUri }),
  };
  if (flow.status === 'completed' && flow.userId === userId) return confirmed;
  if (flow.status !== 'pending') {
    throw new ApiError({
      status: 409,
      code: 'authorization_not_pending',
      message: `Authorization '${flowId}' is already ${flow.status}; nothing to confirm. Start a new authorization for the user.`,
    });
  }
  // Both say the same today (a credential is held only past the binding check); the second
  // keeps it so if another path ever holds one.
  if (!flow.awaitingConfirmation || flow.browserBindingHash === undefined) {
    throw new ApiError({
      status: 409,
      code: 'authorization_not_ready',
      message: `Authorization '${flowId}' is still waiting for the user to finish at the provider; call confirm_user from your verifier page, after the engine sent the user there with this flow_id.`,
    });
  }
  if (flow.userId !== userId) {
    await failFlow({ store, logger, flowId, reason: 'user_mismatch' });
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
}

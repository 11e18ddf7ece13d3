import { FlowNotPendingError } from '../store/flow-not-pending-error.js';
import { AuthorizationNotPendingError } from './authorization-not-pending-error.js';
import { AuthorizationNotReadyError } from './authorization-not-ready-error.js';
import type { BrokerContext } from './broker-context.js';
import { failFlow } from './fail-flow.js';
import { findFlowOrThrow } from './find-flow-or-throw.js';
import { nextUriProblem } from './next-uri-problem.js';
import { UserMismatchError } from './user-mismatch-error.js';

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
    throw new AuthorizationNotPendingError({ flowId, status: flow.status });
  }
  // Both say the same today (a credential is held only past the binding check); the second
  // keeps it so if another path ever holds one.
  if (!flow.awaitingConfirmation || flow.browserBindingHash === undefined) {
    throw new AuthorizationNotReadyError({ flowId });
  }
  if (flow.userId !== userId) {
    await failFlow({ store, logger, flowId, reason: 'user_mismatch' });
    throw new UserMismatchError({ flowId, userId });
  }
  try {
    await store.completeFlow({ flowId });
  } catch (error) {
    if (FlowNotPendingError.isInstance(error)) {
      throw new AuthorizationNotPendingError({ flowId, cause: error });
    }
    throw error;
  }
  logger.info('Authorization confirmed and completed', { flowId, providerId: flow.providerId });
  return confirmed;
}

import type { AuthFlow } from '../store/store.js';
import type { Authorization, AuthorizationStatus } from '../tools/credential-resolver.js';

/** Whether the flow's ten minutes are over, by the broker's clock. */
export function isExpired(flow: AuthFlow, clock: () => Date): boolean {
  return flow.expiresAt.getTime() <= clock().getTime();
}

function flowUrl(flow: AuthFlow, publicUrl: string): string {
  const page = flow.providerType === 'api_key' ? 'api-key' : 'start';
  return `${publicUrl}/v1/oauth/${page}/${encodeURIComponent(flow.id)}`;
}

/** A flow as the API reports it: never a token, the link only while the user can use it. */
export function describeFlow(flow: AuthFlow, publicUrl: string, clock: () => Date): Authorization {
  const status: AuthorizationStatus =
    flow.status === 'pending' && isExpired(flow, clock) && !flow.awaitingConfirmation
      ? 'failed'
      : flow.status;
  return {
    id: flow.id,
    status,
    ...(status === 'pending' && !flow.awaitingConfirmation
      ? { url: flowUrl(flow, publicUrl) }
      : {}),
    providerId: flow.providerId,
    scopes: flow.scopes,
    userId: flow.userId,
  };
}

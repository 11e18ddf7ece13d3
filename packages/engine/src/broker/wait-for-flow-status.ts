import type { Authorization } from '../tools/credential-resolver.js';
import type { BrokerContext } from './broker-context.js';
import { isUsable } from './connection-usability.js';
import { describeFlow } from './describe-flow.js';
import { findFlowOrThrow } from './find-flow-or-throw.js';
import { decodeGrantedId, grantedIdPrefix } from './granted-authorization-id.js';

/**
 * `GET /v1/auth/status`: the authorization's status, or with `waitSeconds` > 0 a long poll
 * that answers when the flow settles, the wait or the flow ends, or `signal` aborts.
 */
export async function waitForFlowStatus({
  store,
  clock,
  publicUrl,
  id,
  waitSeconds,
  signal,
}: Pick<BrokerContext, 'store' | 'clock' | 'publicUrl'> & {
  id: string;
  waitSeconds: number;
  signal?: AbortSignal | undefined;
}): Promise<Authorization> {
  if (id.startsWith(grantedIdPrefix) || waitSeconds <= 0 || signal?.aborted) {
    return currentStatus({ store, clock, publicUrl, id });
  }
  // Listen before reading, so a flow that settles in between still wakes this wait.
  let wake: () => void = () => {};
  const woken = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const stopListening = store.onFlowSettled(id, () => wake());
  const onAbort = () => wake();
  signal?.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    const flow = await findFlowOrThrow(store, id);
    const described = describeFlow(flow, publicUrl);
    if (described.status !== 'pending') return described;
    const waitMs = Math.min(
      waitSeconds * 1000,
      flow.awaitingConfirmation ? Number.POSITIVE_INFINITY : flow.expiresAt.getTime() - Date.now(),
    );
    timer = setTimeout(wake, Math.max(0, waitMs));
    await woken;
    return describeFlow(await findFlowOrThrow(store, id), publicUrl);
  } finally {
    clearTimeout(timer);
    stopListening();
    signal?.removeEventListener('abort', onAbort);
  }
}

async function currentStatus({
  store,
  clock,
  publicUrl,
  id,
}: Pick<BrokerContext, 'store' | 'clock' | 'publicUrl'> & { id: string }): Promise<Authorization> {
  const granted = decodeGrantedId(id);
  if (granted === undefined) {
    return findFlowOrThrow(store, id).then((flow) => describeFlow(flow, publicUrl));
  }
  const connection = (
    await store.listConnections({ userId: granted.userId, providerId: granted.providerId })
  )[0];
  const requirement = {
    providerId: granted.providerId,
    providerType: connection?.providerType ?? 'oauth2',
    scopes: granted.scopes,
  } as const;
  return {
    id,
    status:
      connection !== undefined && isUsable(connection, requirement, clock) ? 'completed' : 'failed',
    providerId: granted.providerId,
    scopes: granted.scopes,
    userId: granted.userId,
  };
}

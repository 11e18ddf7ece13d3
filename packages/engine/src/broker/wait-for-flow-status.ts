import { sleep } from '../shared/sleep.js';
import type { AuthFlow, Store } from '../store/store.js';
import type { Authorization } from '../tools/credential-resolver.js';
import type { BrokerContext } from './broker-context.js';
import { isUsable } from './connection-usability.js';
import { describeFlow } from './describe-flow.js';
import { findFlowOrThrow } from './find-flow-or-throw.js';
import { decodeGrantedId, grantedIdPrefix } from './granted-authorization-id.js';

/**
 * `GET /v1/auth/status`: the authorization's status, or with `waitSeconds` > 0 a long poll
 * that answers when the flow settles, the wait or the flow ends, or `signal` aborts. A flow
 * that had failed before the request, and was already answered `failed` once, is answered when
 * the wait ends, as Arcade's engine does (see create-failure-reports.ts).
 */
export async function waitForFlowStatus({
  store,
  clock,
  publicUrl,
  failureReports,
  id,
  waitSeconds,
  signal,
}: Pick<BrokerContext, 'store' | 'clock' | 'publicUrl' | 'failureReports'> & {
  id: string;
  waitSeconds: number;
  signal?: AbortSignal | undefined;
}): Promise<Authorization> {
  if (id.startsWith(grantedIdPrefix) || waitSeconds <= 0 || signal?.aborted) {
    return currentStatus({ store, clock, publicUrl, id });
  }
  // Listen before reading, so a flow that settles in between still wakes this wait.
  let wake: () => void = () => {};
  let woken = false;
  const onWake = () => {
    woken = true;
    wake();
  };
  const stopListening = store.onFlowSettled(id, onWake);
  signal?.addEventListener('abort', onWake, { once: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    let wokenBeforeRead = false;
    let flow = await readFlow(store, id);
    const waitMs = Math.min(
      waitSeconds * 1000,
      flow.awaitingConfirmation
        ? Number.POSITIVE_INFINITY
        : flow.expiresAt.getTime() - clock().getTime(),
    );
    const deadline = clock().getTime() + Math.max(0, waitMs);
    const first = describeFlow(flow, publicUrl, clock);
    if (first.status === 'failed' && failureReports.reportedBefore(id)) {
      // Until the wait ends, or the client leaves, or the engine closes (both abort `signal`).
      await sleep({ ms: waitSeconds * 1000, signal });
      return first;
    }
    for (;;) {
      const described = describeFlow(flow, publicUrl, clock);
      if (described.status !== 'pending' || wokenBeforeRead || clock().getTime() >= deadline) {
        if (described.status === 'failed') failureReports.reportedBefore(id);
        return described;
      }
      // While a code exchange runs, look again now and then: if its process died, nobody
      // else may be left to fail the flow and say so.
      const sliceMs =
        flow.exchangeStartedAt === undefined
          ? deadline - clock().getTime()
          : Math.min(deadline - clock().getTime(), exchangeRecheckMs);
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, Math.max(0, sliceMs));
        if (woken) resolve();
      });
      clearTimeout(timer);
      wokenBeforeRead = woken;
      flow = await readFlow(store, id);
    }
  } finally {
    clearTimeout(timer);
    stopListening();
    signal?.removeEventListener('abort', onWake);
  }
}

const exchangeRecheckMs = 2_000;

/** The flow; failed first if its code exchange was interrupted by a process that died. */
async function readFlow(store: Store, id: string): Promise<AuthFlow> {
  const flow = await findFlowOrThrow(store, id);
  if (flow.status !== 'pending' || flow.exchangeStartedAt === undefined) return flow;
  if (flow.awaitingConfirmation) return flow;
  const failed = await store.failInterruptedExchanges({ flowId: id });
  return failed.length === 0 ? flow : findFlowOrThrow(store, id);
}

async function currentStatus({
  store,
  clock,
  publicUrl,
  id,
}: Pick<BrokerContext, 'store' | 'clock' | 'publicUrl'> & { id: string }): Promise<Authorization> {
  const granted = decodeGrantedId(id);
  if (granted === undefined) {
    return readFlow(store, id).then((flow) => describeFlow(flow, publicUrl, clock));
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

import { AuthorizationFailedError } from './authorization-failed-error.js';
import { AuthorizationTimeoutError } from './authorization-timeout-error.js';
import { toDeveloperError } from './client-error.js';
import { OperationAbortedError } from './operation-aborted-error.js';
import type { ToolClient } from './tool-client.js';
import { UnexpectedResponseError } from './unexpected-response-error.js';

// Long-polls `/v1/auth/status` until the user has approved. Unlike the official client's
// `waitForCompletion`, it stops on `failed`, on a timeout and on abort.

const maxWaitSeconds = 59;
// A server that answers `pending` at once instead of holding the request is not hammered.
const minimumPollIntervalMs = 500;

/** An authorization the user has approved. */
export interface CompletedAuthorization {
  id: string;
  status: 'completed';
  providerId: string | undefined;
  scopes: string[];
}

/**
 * Long-polls the engine until the user has approved; throws if it failed, timed out or was aborted.
 */
export async function waitForAuthorization({
  client,
  authorization,
  timeoutMs = 10 * 60 * 1000,
  signal,
}: {
  client: ToolClient;
  /** The authorization of an `authorization_required` outcome, or just its id. */
  authorization: { id: string } | string;
  /** How long to wait in all; ten minutes unless given. */
  timeoutMs?: number;
  signal?: AbortSignal;
}): Promise<CompletedAuthorization> {
  const id = typeof authorization === 'string' ? authorization : authorization.id;
  const operation = `Waiting for authorization '${id}'`;
  const deadline = Date.now() + timeoutMs;

  for (;;) {
    if (signal?.aborted) throw new OperationAbortedError({ operation, cause: signal.reason });
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) throw new AuthorizationTimeoutError({ authorizationId: id, timeoutMs });

    // The request itself ends at the deadline, so a long poll cannot outlive the timeout.
    const deadlineSignal = AbortSignal.timeout(remainingMs);
    const requestSignal = signal ? AbortSignal.any([signal, deadlineSignal]) : deadlineSignal;
    const wait = Math.max(1, Math.min(maxWaitSeconds, Math.floor(remainingMs / 1000)));
    const startedAt = Date.now();

    let response: Awaited<ReturnType<ToolClient['auth']['status']>>;
    try {
      response = await client.auth.status({ id, wait }, { signal: requestSignal });
    } catch (error) {
      if (signal?.aborted) throw new OperationAbortedError({ operation, cause: signal.reason });
      if (deadlineSignal.aborted) {
        throw new AuthorizationTimeoutError({ authorizationId: id, timeoutMs, cause: error });
      }
      throw toDeveloperError({ client, error, operation });
    }

    if (response.status === 'completed') {
      return {
        id,
        status: 'completed',
        providerId: response.provider_id,
        scopes: [...(response.scopes ?? [])],
      };
    }
    if (response.status === 'failed') throw new AuthorizationFailedError({ authorizationId: id });
    if (response.status !== 'pending' && response.status !== 'not_started') {
      throw new UnexpectedResponseError({
        operation,
        problem: `unknown authorization status '${String(response.status)}'`,
      });
    }

    const elapsedMs = Date.now() - startedAt;
    if (elapsedMs < minimumPollIntervalMs) {
      await sleep({ milliseconds: minimumPollIntervalMs - elapsedMs, signal });
    }
  }
}

function sleep({ milliseconds, signal }: { milliseconds: number; signal?: AbortSignal }) {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, milliseconds);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

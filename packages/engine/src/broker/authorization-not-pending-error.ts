import { ToolgrantError } from '@toolgrant/core';
import type { FlowNotPendingError } from '../store/flow-not-pending-error.js';

const marker = 'toolgrant.error.AuthorizationNotPendingError';
const symbol = Symbol.for(marker);

/** A flow was to be confirmed, but it has already settled. */
export class AuthorizationNotPendingError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly flowId: string;

  /** `status`: the flow's settled status; or the store's refusal, when it settled meanwhile. */
  constructor(
    settled: { flowId: string; status: string } | { flowId: string; cause: FlowNotPendingError },
  ) {
    super({
      name: 'AuthorizationNotPendingError',
      message:
        'cause' in settled
          ? settled.cause.message
          : `Authorization '${settled.flowId}' is already ${settled.status}; nothing to confirm. Start a new authorization for the user.`,
      cause: 'cause' in settled ? settled.cause : undefined,
    });
    this.flowId = settled.flowId;
  }

  static override isInstance(error: unknown): error is AuthorizationNotPendingError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

import { ToolgrantError } from '@toolgrant/core';

const marker = 'toolgrant.error.FlowNotPendingError';
const symbol = Symbol.for(marker);

/** A flow was to be completed or given a credential, but it is unknown or already settled. */
export class FlowNotPendingError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly flowId: string;
  /** undefined when there is no such flow. */
  readonly status: string | undefined;

  constructor({ flowId, status }: { flowId: string; status: string | undefined }) {
    super({
      name: 'FlowNotPendingError',
      message:
        status === undefined
          ? `There is no authorization flow '${flowId}'; start a new authorization.`
          : `The authorization flow '${flowId}' is already ${status}; start a new authorization.`,
    });
    this.flowId = flowId;
    this.status = status;
  }

  static override isInstance(error: unknown): error is FlowNotPendingError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

import { ToolgrantError } from '@toolgrant/core';

const marker = 'toolgrant.error.AuthorizationNotFoundError';
const symbol = Symbol.for(marker);

/** No authorization flow has the id asked for (unknown, or expired and deleted). */
export class AuthorizationNotFoundError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly flowId: string;

  constructor({ flowId }: { flowId: string }) {
    super({
      name: 'AuthorizationNotFoundError',
      message: `There is no authorization '${flowId}'. Use the id from an authorize response; a flow expires 10 minutes after it starts and is deleted some time later (an hour by default: the engine option flowRetentionMs).`,
    });
    this.flowId = flowId;
  }

  static override isInstance(error: unknown): error is AuthorizationNotFoundError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

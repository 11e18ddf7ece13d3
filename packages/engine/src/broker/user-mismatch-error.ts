import { ToolgrantError } from '@toolgrant/core';

const marker = 'toolgrant.error.UserMismatchError';
const symbol = Symbol.for(marker);

/** The application confirmed a flow for another user than the one it was started for; the flow has failed. */
export class UserMismatchError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly flowId: string;

  constructor({ flowId, userId }: { flowId: string; userId: string }) {
    super({
      name: 'UserMismatchError',
      message: `Authorization '${flowId}' was started for another user than '${userId}', so it has failed and nothing was stored. Confirm with the id of the signed-in user the authorization was started for, or start a new authorization for '${userId}'.`,
    });
    this.flowId = flowId;
  }

  static override isInstance(error: unknown): error is UserMismatchError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

import { ToolgrantError } from '@toolgrant/core';

const marker = 'toolgrant.error.AuthorizationNotReadyError';
const symbol = Symbol.for(marker);

/** A flow was to be confirmed before the user finished at the provider. */
export class AuthorizationNotReadyError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly flowId: string;

  constructor({ flowId }: { flowId: string }) {
    super({
      name: 'AuthorizationNotReadyError',
      message: `Authorization '${flowId}' is still waiting for the user to finish at the provider; call confirm_user from your verifier page, after the engine sent the user there with this flow_id.`,
    });
    this.flowId = flowId;
  }

  static override isInstance(error: unknown): error is AuthorizationNotReadyError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

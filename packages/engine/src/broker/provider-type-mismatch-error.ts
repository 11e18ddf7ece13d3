import { ToolgrantError } from '@toolgrant/core';

const marker = 'toolgrant.error.ProviderTypeMismatchError';
const symbol = Symbol.for(marker);

/** A requirement asks for another kind of provider (OAuth 2.0 or API key) than the one configured. */
export class ProviderTypeMismatchError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly providerId: string;

  constructor({
    providerId,
    configuredType,
    requiredType,
  }: {
    providerId: string;
    configuredType: string;
    requiredType: string;
  }) {
    super({
      name: 'ProviderTypeMismatchError',
      message: `Provider '${providerId}' is configured as ${configuredType}, but the requirement asks for ${requiredType}; make the tool's auth and the engine configuration agree.`,
    });
    this.providerId = providerId;
  }

  static override isInstance(error: unknown): error is ProviderTypeMismatchError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

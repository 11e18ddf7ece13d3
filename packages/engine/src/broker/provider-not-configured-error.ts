import { ToolgrantError } from '@toolgrant/core';

const marker = 'toolgrant.error.ProviderNotConfiguredError';
const symbol = Symbol.for(marker);

/** A requirement names a provider the engine is not configured with. */
export class ProviderNotConfiguredError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly providerId: string;

  constructor({
    providerId,
    configuredProviderIds,
  }: {
    providerId: string;
    configuredProviderIds: readonly string[];
  }) {
    super({
      name: 'ProviderNotConfiguredError',
      message: `The engine has no provider '${providerId}'. ${
        configuredProviderIds.length === 0
          ? 'No providers are configured; add one to the engine configuration.'
          : `Configured providers: ${configuredProviderIds.join(', ')}. Add '${providerId}' to the engine configuration or use one of these.`
      }`,
    });
    this.providerId = providerId;
  }

  static override isInstance(error: unknown): error is ProviderNotConfiguredError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

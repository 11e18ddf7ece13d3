import { ToolgrantError } from '@toolgrant/core';

const marker = 'toolgrant.error.InvalidProviderConfigError';
const symbol = Symbol.for(marker);

/** A provider in the engine's configuration is missing something or has a wrong value. */
export class InvalidProviderConfigError extends ToolgrantError {
  protected readonly [symbol] = true;
  /** The provider's id, or its position (`providers[2]`) when it has no usable id. */
  readonly provider: string;
  /** The field at fault, e.g. `tokenUrl` or `authorizeParameters.prompt`; '' for the whole entry. */
  readonly field: string;
  /** What is wrong and what to do, without the field's value (it may be a secret). */
  readonly problem: string;

  constructor({ provider, field, problem }: { provider: string; field: string; problem: string }) {
    const where = field === '' ? '' : ` field '${field}'`;
    super({
      name: 'InvalidProviderConfigError',
      message: `Provider '${provider}' has an invalid configuration:${where} ${problem}`,
    });
    this.provider = provider;
    this.field = field;
    this.problem = problem;
  }

  static override isInstance(error: unknown): error is InvalidProviderConfigError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

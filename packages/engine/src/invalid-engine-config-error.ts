import { ToolgrantError } from '@toolgrant/core';

// The engine's configuration (the options of `createEngine`, a `toolgrant.config.ts`, or an
// environment variable) has a value the engine cannot start with. The message names where the
// value came from and the field; never the value itself, which may be a secret.

const marker = 'toolgrant.error.InvalidEngineConfigError';
const symbol = Symbol.for(marker);

/**
 * A configuration value the engine cannot start with, naming its source and field, never its
 * value.
 */
export class InvalidEngineConfigError extends ToolgrantError {
  protected readonly [symbol] = true;
  /** Where the configuration came from: a file path, an environment variable or `createEngine`. */
  readonly source: string;
  /** The field at fault, for example `port` or `providers[1].clientSecret`; '' for the whole. */
  readonly field: string;

  constructor({
    source,
    field,
    problem,
    cause,
  }: {
    source: string;
    field: string;
    problem: string;
    cause?: unknown;
  }) {
    super({
      name: 'InvalidEngineConfigError',
      message: `${source}: ${field === '' ? '' : `'${field}' `}${problem}`,
      cause,
    });
    this.source = source;
    this.field = field;
  }

  static override isInstance(error: unknown): error is InvalidEngineConfigError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

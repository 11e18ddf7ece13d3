import { ToolgrantError } from '@toolgrant/core';

const marker = 'toolgrant.error.InvalidEncryptionKeyError';
const symbol = Symbol.for(marker);

/** The encryption key is missing or is not 32 bytes written as base64 or hex. Never carries the key. */
export class InvalidEncryptionKeyError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly environmentVariableName: string;

  constructor({
    environmentVariableName,
    problem,
  }: {
    environmentVariableName: string;
    problem: string;
  }) {
    super({
      name: 'InvalidEncryptionKeyError',
      message:
        `${environmentVariableName} ${problem}. It must be 32 random bytes written as base64 ` +
        '(44 characters) or hex (64 characters); create one with `openssl rand -base64 32`.',
    });
    this.environmentVariableName = environmentVariableName;
  }

  static override isInstance(error: unknown): error is InvalidEncryptionKeyError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

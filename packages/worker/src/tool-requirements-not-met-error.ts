import { ToolgrantError } from '@toolgrant/core';

// The caller did not supply what the tool declared it needs (a secret's value, or the user's
// credential). Names what is missing, never a value.

const marker = 'toolgrant.error.ToolRequirementsNotMetError';
const symbol = Symbol.for(marker);

/** The caller did not supply a secret or credential the tool declared it needs. */
export class ToolRequirementsNotMetError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly toolName: string;
  readonly missingSecrets: readonly string[];
  /** The provider whose credential is missing, if it is. */
  readonly missingAuthorization: string | undefined;

  constructor({
    toolName,
    missingSecrets,
    missingAuthorization,
  }: {
    toolName: string;
    missingSecrets: readonly string[];
    missingAuthorization?: string;
  }) {
    const missing = [
      ...(missingAuthorization === undefined
        ? []
        : [`the user's authorization with provider '${missingAuthorization}'`]),
      ...(missingSecrets.length === 0
        ? []
        : [
            `the secret${missingSecrets.length === 1 ? '' : 's'} ${missingSecrets.map((key) => `'${key}'`).join(', ')}`,
          ]),
    ];
    super({
      name: 'ToolRequirementsNotMetError',
      message: `Tool '${toolName}' cannot run: ${missing.join(' and ')} ${missing.length === 1 && missingSecrets.length <= 1 ? 'is' : 'are'} not available. Set the missing secret in the engine, or authorize the user first.`,
    });
    this.toolName = toolName;
    this.missingSecrets = missingSecrets;
    this.missingAuthorization = missingAuthorization;
  }

  static override isInstance(error: unknown): error is ToolRequirementsNotMetError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

import { ToolgrantError } from '@toolgrant/core';

// A tool receives a credential only for the auth requirement it declared.

const marker = 'toolgrant.error.AuthNotDeclaredError';
const symbol = Symbol.for(marker);

/** A tool asked for a credential it did not declare in `auth`. */
export class AuthNotDeclaredError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly toolName: string;

  constructor({ toolName }: { toolName: string }) {
    super({
      name: 'AuthNotDeclaredError',
      message: `Tool '${toolName}' asked for an auth token but declares no auth requirement. Add auth: oauth2({ provider, scopes }) or auth: apiKey({ provider }) to its defineTool() options.`,
    });
    this.toolName = toolName;
  }

  static override isInstance(error: unknown): error is AuthNotDeclaredError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

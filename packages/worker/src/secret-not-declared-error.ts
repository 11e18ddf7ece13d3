import { ToolgrantError } from '@toolgrant/core';

// A tool that did not declare a secret cannot read it: secrets reach a tool only through its
// own `secrets: [...]`, so a tool cannot read another tool's keys.

const marker = 'toolgrant.error.SecretNotDeclaredError';
const symbol = Symbol.for(marker);

/** A tool read a secret it did not declare in `secrets`. */
export class SecretNotDeclaredError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly toolName: string;
  readonly key: string;

  constructor({ toolName, key }: { toolName: string; key: string }) {
    super({
      name: 'SecretNotDeclaredError',
      message: `Tool '${toolName}' read the secret '${key}' without declaring it. Add '${key}' to the tool's secrets: [...] in defineTool(); a tool that did not declare a secret cannot read it.`,
    });
    this.toolName = toolName;
    this.key = key;
  }

  static override isInstance(error: unknown): error is SecretNotDeclaredError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

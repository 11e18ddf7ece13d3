import { ToolgrantError } from '@toolgrant/core';

// A script needs a variable that is neither in the environment nor in `.env`.

const marker = 'toolgrant.example.MissingEnvironmentVariableError';
const symbol = Symbol.for(marker);

export class MissingEnvironmentVariableError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly variable: string;

  constructor({ variable, description }: { variable: string; description: string }) {
    super({
      name: 'MissingEnvironmentVariableError',
      message: `${variable} is not set. ${description} Put it in .env (see .env.example).`,
    });
    this.variable = variable;
  }

  static override isInstance(error: unknown): error is MissingEnvironmentVariableError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

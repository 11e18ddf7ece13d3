import { ToolgrantError } from './toolgrant-error.js';

const marker = 'toolgrant.error.UserIdRequiredError';
const symbol = Symbol.for(marker);

/**
 * A tool that needs an authorization was called without an end-user id; the message says where to pass one.
 */
export class UserIdRequiredError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly toolName: string;

  constructor({
    toolName,
    howToFix = 'Pass the id of your end user as userId.',
  }: {
    toolName: string;
    /** Where this caller takes a user id, for example an adapter's per-run context key. */
    howToFix?: string;
  }) {
    super({
      name: 'UserIdRequiredError',
      message: `Tool '${toolName}' acts on behalf of a user and needs their authorization, but no userId was given. ${howToFix}`,
    });
    this.toolName = toolName;
  }

  static override isInstance(error: unknown): error is UserIdRequiredError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

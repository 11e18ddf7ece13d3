import { ToolgrantError } from './toolgrant-error.js';

const marker = 'toolgrant.error.InvalidToolDefinitionError';
const symbol = Symbol.for(marker);

/** A tool definition from a server that Toolgrant cannot turn into a schema a model can use. */
export class InvalidToolDefinitionError extends ToolgrantError {
  protected readonly [symbol] = true;
  /** The qualified name (`Gmail.ListEmails`), or the bare name when that is all there is. */
  readonly toolName: string | undefined;
  /** Where in the definition the problem is, for example `input.parameters[2] ("labels").value_schema`. */
  readonly path: string;
  /** What is wrong there and what is expected instead. */
  readonly problem: string;

  constructor({
    toolName,
    path,
    problem,
    cause,
  }: {
    toolName: string | undefined;
    path: string;
    problem: string;
    cause?: unknown;
  }) {
    const subject = toolName === undefined ? 'A tool definition' : `Tool "${toolName}"`;
    const where = path === '' ? '' : `${path}: `;
    super({
      name: 'InvalidToolDefinitionError',
      message: `${subject} has an invalid definition: ${where}${problem}`,
      cause,
    });
    this.toolName = toolName;
    this.path = path;
    this.problem = problem;
  }

  static override isInstance(error: unknown): error is InvalidToolDefinitionError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

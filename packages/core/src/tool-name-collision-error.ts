import { ToolgrantError } from './toolgrant-error.js';

const marker = 'toolgrant.error.ToolNameCollisionError';
const symbol = Symbol.for(marker);

/** Two tools would reach the model under the same name, so the model could not tell them apart. */
export class ToolNameCollisionError extends ToolgrantError {
  protected readonly [symbol] = true;
  /** The name both tools would have, for example `Gmail_ListEmails`. */
  readonly toolName: string;
  /** The two qualified names (with versions when they are the same tool twice). */
  readonly tools: readonly [string, string];

  constructor({
    toolName,
    tools,
    sameTool,
  }: {
    toolName: string;
    tools: readonly [string, string];
    /** Both are versions of one tool. */
    sameTool: boolean;
  }) {
    const [first, second] = tools;
    const advice = sameTool
      ? 'Load one version of it only.'
      : 'Leave one of them out (the toolkits or tools option), or rename one on its server.';
    super({
      name: 'ToolNameCollisionError',
      message: `Tools "${first}" and "${second}" both become "${toolName}" as a model-facing tool name. ${advice}`,
    });
    this.toolName = toolName;
    this.tools = tools;
  }

  static override isInstance(error: unknown): error is ToolNameCollisionError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

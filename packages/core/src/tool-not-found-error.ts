import { ToolgrantError } from './toolgrant-error.js';

const marker = 'toolgrant.error.ToolNotFoundError';
const symbol = Symbol.for(marker);

/** The engine has no tool of this name (or not in the version asked for). */
export class ToolNotFoundError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly toolName: string;
  /** The version the engine serves instead, when a different version was asked for. */
  readonly servedVersion: string | undefined;

  constructor({
    toolName,
    servedVersion,
    cause,
  }: {
    toolName: string;
    servedVersion?: string;
    cause?: unknown;
  }) {
    const detail =
      servedVersion === undefined
        ? 'Check the spelling (Toolkit.Tool, for example Gmail.ListEmails) and that the engine serves its toolkit.'
        : `The engine serves version ${servedVersion}; ask for that version or leave the version out.`;
    super({
      name: 'ToolNotFoundError',
      message: `The engine has no tool '${toolName}'. ${detail}`,
      cause,
    });
    this.toolName = toolName;
    this.servedVersion = servedVersion;
  }

  static override isInstance(error: unknown): error is ToolNotFoundError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

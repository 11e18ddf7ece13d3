import { ToolgrantError } from '@toolgrant/core';
import { maxSuggestedNameLength } from './suggest-names.js';

// A tool name (or version) the engine does not serve, naming it, with the closest names the
// engine does serve.

const marker = 'toolgrant.error.UnknownToolError';
const symbol = Symbol.for(marker);

/** A tool name (or version) the engine does not serve. */
export class UnknownToolError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly toolName: string;
  readonly suggestions: readonly string[];
  /** The versions served, when the tool exists but not in the version asked for. */
  readonly servedVersions: readonly string[];

  constructor({
    toolName,
    version,
    suggestions = [],
    servedVersions = [],
  }: {
    toolName: string;
    version?: string | undefined;
    suggestions?: readonly string[];
    servedVersions?: readonly string[];
  }) {
    const message =
      servedVersions.length > 0
        ? `Tool '${toolName}' has no version '${version}'; the engine serves ${servedVersions.map((served) => `'${served}'`).join(', ')}. Ask for one of those, or leave the version out to get the newest.`
        : `The engine has no tool ${
            // Never echo an absurd name back (the API refuses those before they get here).
            toolName.length > maxSuggestedNameLength
              ? `with the ${toolName.length}-character name given`
              : `named '${toolName}'`
          }.${
            suggestions.length > 0
              ? ` Did you mean ${suggestions.map((suggestion) => `'${suggestion}'`).join(' or ')}?`
              : ''
          } Names are Toolkit.Tool (for example Gmail.ListEmails), Toolkit_Tool or Toolkit.Tool@version; GET /v1/tools lists the tools served.`;
    super({ name: 'UnknownToolError', message });
    this.toolName = toolName;
    this.suggestions = suggestions;
    this.servedVersions = servedVersions;
  }

  static override isInstance(error: unknown): error is UnknownToolError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

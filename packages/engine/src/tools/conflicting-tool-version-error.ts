import { ToolgrantError } from '@toolgrant/core';

const marker = 'toolgrant.error.ConflictingToolVersionError';
const symbol = Symbol.for(marker);

/** A tool was asked for with one version in its name and another in `tool_version`. */
export class ConflictingToolVersionError extends ToolgrantError {
  protected readonly [symbol] = true;
  constructor({
    name,
    nameVersion,
    version,
  }: {
    name: string;
    nameVersion: string;
    version: string;
  }) {
    super({
      name: 'ConflictingToolVersionError',
      message: `The tool name '${name}' asks for version '${nameVersion}' but tool_version is '${version}'. Give the version once, in the name or in tool_version.`,
    });
  }

  static override isInstance(error: unknown): error is ConflictingToolVersionError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

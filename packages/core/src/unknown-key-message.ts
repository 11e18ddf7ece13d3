// How the model is told about an argument (or a nested key) a tool does not take, in one wording
// for Arcade tools (`validateToolInput`) and MCP tools (`compileMcpInputValidator`).

/** The message for a key a tool does not take, listing the keys it does. */
export function unknownKeyMessage({
  known,
  topLevel,
}: {
  /** The keys the object takes. */
  known: readonly string[];
  /** Whether the object is the tool's arguments themselves. */
  topLevel: boolean;
}): string {
  const takes =
    known.length === 0
      ? topLevel
        ? 'this tool takes no arguments'
        : 'this object takes no keys'
      : `${topLevel ? 'this tool takes' : 'the keys are'} ${known.join(', ')}`;
  return `unknown ${topLevel ? 'argument' : 'key'} (${takes})`;
}

import type { ToolErrorKind } from '@toolgrant/worker';

// The error kind a worker reports, as the official client types it. Arcade's Python workers
// send the upper-case names of `ErrorKind` (arcade-mcp, libs/arcade-core/arcade_core/errors.py);
// its TypeScript worker sends the same names in lower case, and three kinds of its own
// (arcade-mcp-ts, src/errors.ts: `tool_runtime_retry`, `tool_serialization`,
// `tool_runtime_execution`, `tool_runtime_response_extraction`). Names are compared in upper
// case; a kind the client does not know becomes the closest one it does, else `UNKNOWN`.

const knownKinds: ReadonlySet<string> = new Set<ToolErrorKind>([
  'TOOLKIT_LOAD_FAILED',
  'TOOL_DEFINITION_BAD_DEFINITION',
  'TOOL_DEFINITION_BAD_INPUT_SCHEMA',
  'TOOL_DEFINITION_BAD_OUTPUT_SCHEMA',
  'TOOL_REQUIREMENTS_NOT_MET',
  'TOOL_RUNTIME_BAD_INPUT_VALUE',
  'TOOL_RUNTIME_BAD_OUTPUT_VALUE',
  'TOOL_RUNTIME_RETRY',
  'TOOL_RUNTIME_CONTEXT_REQUIRED',
  'TOOL_RUNTIME_FATAL',
  'CONTEXT_CHECK_FAILED',
  'CONTEXT_DENIED',
  'UPSTREAM_RUNTIME_BAD_REQUEST',
  'UPSTREAM_RUNTIME_AUTH_ERROR',
  'UPSTREAM_RUNTIME_NOT_FOUND',
  'UPSTREAM_RUNTIME_VALIDATION_ERROR',
  'UPSTREAM_RUNTIME_RATE_LIMIT',
  'UPSTREAM_RUNTIME_SERVER_ERROR',
  'UPSTREAM_RUNTIME_UNMAPPED',
  'NETWORK_TRANSPORT_RUNTIME_TIMEOUT',
  'NETWORK_TRANSPORT_RUNTIME_UNREACHABLE',
  'NETWORK_TRANSPORT_RUNTIME_UNMAPPED',
  'UNKNOWN',
]);

/** arcade-mcp-ts's own kinds, by what they mean. */
const typeScriptWorkerKinds: Readonly<Record<string, ToolErrorKind>> = {
  TOOL_SERIALIZATION: 'TOOL_RUNTIME_BAD_OUTPUT_VALUE',
  TOOL_RUNTIME_EXECUTION: 'TOOL_RUNTIME_FATAL',
  TOOL_RUNTIME_RESPONSE_EXTRACTION: 'TOOL_RUNTIME_BAD_OUTPUT_VALUE',
};

/** The kind a worker reported, in the official client's upper-case names. */
export function toErrorKind(kind: string | undefined): ToolErrorKind {
  if (kind === undefined) return 'UNKNOWN';
  const upper = kind.toUpperCase();
  if (knownKinds.has(upper)) return upper as ToolErrorKind;
  return Object.hasOwn(typeScriptWorkerKinds, upper)
    ? (typeScriptWorkerKinds[upper] as ToolErrorKind)
    : 'UNKNOWN';
}

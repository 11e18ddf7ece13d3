import type { AuthorizationRequiredOutput } from './toolgrant-tool.js';

/**
 * Whether a tool result, or a `useChat` tool part, is a Toolgrant tool's answer that the user
 * has to authorize first. Narrows `part.output` to carry `authorization` (with its `url`).
 */
export function isAuthorizationRequired<PART>(
  part: PART,
): part is PART & { output: AuthorizationRequiredOutput } {
  if (typeof part !== 'object' || part === null || !('output' in part)) return false;
  const { output } = part;
  return (
    typeof output === 'object' &&
    output !== null &&
    'status' in output &&
    output.status === 'authorization_required' &&
    'authorization' in output
  );
}

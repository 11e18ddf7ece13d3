import type { AuthorizationRequiredOutput } from './toolgrant-tool.js';

/**
 * The members of `PART` that can hold a Toolgrant tool's `authorization_required` output, with
 * `output` narrowed to it: of a `useChat` message's parts, the tool parts in state
 * `output-available`; of `generateText`'s content, the tool results.
 */
export type AuthorizationRequiredPart<PART> = unknown extends PART
  ? { output: AuthorizationRequiredOutput }
  : PART extends unknown
    ? 'output' extends keyof PART
      ? AuthorizationRequiredOutput extends NonNullable<PART['output' & keyof PART]>
        ? PART & { output: AuthorizationRequiredOutput }
        : never
      : never
    : never;

/**
 * Whether a tool result, or a `useChat` tool part, is a Toolgrant tool's answer that the user
 * has to authorize first; `part.output.authorization.url` is the link to show.
 */
export function isAuthorizationRequired<PART>(
  part: PART,
): part is PART & AuthorizationRequiredPart<PART> {
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

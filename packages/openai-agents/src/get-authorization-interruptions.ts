import type { RunToolApprovalItem } from '@openai/agents';
import type { AuthorizationPause } from '@toolgrant/core';
import { pendingAuthorizationOf } from './pending-authorizations.js';

// Reads, for the app, which of a run's interruptions are Toolgrant tools waiting for the user's
// consent, with the authorization to show: the tools keep it in the run context by tool call id.

/** A run interruption of a Toolgrant tool: show `authorization.url`, then approve `interruption`. */
export interface AuthorizationInterruption extends AuthorizationPause {
  /** The id of the model's tool call. */
  toolCallId: string;
  /** The SDK's approval item: `state.approve(interruption)` once the user has consented. */
  interruption: RunToolApprovalItem;
}

/** What `getAuthorizationInterruptions` reads: a run result, streamed or not. */
export interface InterruptedRun {
  interruptions: readonly RunToolApprovalItem[];
  runContext: { context: unknown };
}

/** The interruptions of a run result that are Toolgrant tools waiting for the user's consent. */
export function getAuthorizationInterruptions(result: InterruptedRun): AuthorizationInterruption[] {
  const { context } = result.runContext;
  return result.interruptions.flatMap((interruption) => {
    const { rawItem } = interruption;
    if (rawItem.type !== 'function_call') return [];
    const toolCallId = rawItem.callId;
    const pause = pendingAuthorizationOf({ context, toolCallId });
    if (pause?.toolName !== rawItem.name) return [];
    return [{ ...pause, toolCallId, interruption }];
  });
}

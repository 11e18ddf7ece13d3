import type { ToolDefinition } from '@toolgrant/core';
import { resolveUserId } from '@toolgrant/core/internal';

// The user a call acts for, by core's rule: bound at creation, else from the run's context (AI
// SDK 7 hands a tool its own `toolsContext` entry; AI SDK 6 the call's `experimental_context`),
// else the user `authorizationApproval({ userId })` handed over.

/** The user a tool call acts for: bound at creation, else from the run's context, else handed over by approval. */
export function userIdOf({
  name,
  definition,
  userId,
  contexts,
  approvedUserId,
}: {
  /** The tool's key in the tool set, `Gmail_ListEmails`. */
  name: string;
  definition: ToolDefinition;
  userId: string | undefined;
  /** The run contexts that may hold `{ userId }`, in order. */
  contexts: readonly unknown[];
  approvedUserId: string | undefined;
}): string | undefined {
  return resolveUserId({
    definition,
    userId,
    fromContext: [...contexts.map(userIdFieldOf), approvedUserId],
    howToPass: {
      createFunction: 'createAISDKTools',
      perCall: `per run: toolsContext: { ${name}: { userId } } (AI SDK 7) or experimental_context: { userId } (AI SDK 6)`,
    },
  });
}

function userIdFieldOf(context: unknown): unknown {
  return typeof context === 'object' && context !== null && 'userId' in context
    ? context.userId
    : undefined;
}

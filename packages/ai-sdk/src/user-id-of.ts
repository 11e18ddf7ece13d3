import { UserIdRequiredError } from '@toolgrant/core';

// The user a call acts for: bound at creation, else from the run's context (AI SDK 7 hands a
// tool its own `toolsContext` entry; AI SDK 6 the call's `experimental_context`).

export function userIdFromContext(context: unknown): string | undefined {
  if (typeof context !== 'object' || context === null || !('userId' in context)) return undefined;
  const { userId } = context;
  return typeof userId === 'string' && userId !== '' ? userId : undefined;
}

export function userIdRequired({
  toolName,
  qualifiedName,
}: {
  toolName: string;
  qualifiedName: string;
}): UserIdRequiredError {
  return new UserIdRequiredError({
    toolName: qualifiedName,
    howToFix: `Pass userId to createAISDKTools, or per run: toolsContext: { ${toolName}: { userId } } (AI SDK 7) or experimental_context: { userId } (AI SDK 6).`,
  });
}

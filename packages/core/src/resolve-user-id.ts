import type { ToolDefinition } from './tool-definition.js';
import { UserIdRequiredError } from './user-id-required-error.js';

// The one rule for which end user a call acts for, for every adapter: the user id bound when
// the tools were created wins; otherwise the first per-call value the framework's context
// holds (a non-empty string). A tool that needs an authorization and finds none throws
// `UserIdRequiredError`, worded in one form: "Pass userId to <create function>, or <per call>."

/** Options of `resolveUserId`: the bound user id, the per-call values, and how to pass one. */
export interface ResolveUserIdOptions {
  definition: ToolDefinition;
  /** The user id bound at creation (`create*Tools({ userId })`). */
  userId: string | undefined;
  /** The values the framework's per-call context holds under its user id key, in order of preference. */
  fromContext: readonly unknown[];
  /** How a developer of this framework passes a user id, for the error's how-to-fix. */
  howToPass: {
    /** `createAISDKTools` */
    createFunction: string;
    /** `set 'user_id' when invoking: agent.invoke(input, { configurable: { user_id: yourUserId } })` */
    perCall: string;
  };
}

/** The user a call acts for, or undefined for a tool that needs no authorization and found none. */
export function resolveUserId({
  definition,
  userId,
  fromContext,
  howToPass,
}: ResolveUserIdOptions): string | undefined {
  const resolved =
    userId ??
    fromContext.find((value): value is string => typeof value === 'string' && value !== '');
  if (resolved === undefined && definition.requirements?.authorization) {
    throw new UserIdRequiredError({
      toolName: definition.qualified_name,
      howToFix: `Pass userId to ${howToPass.createFunction}, or ${howToPass.perCall}.`,
    });
  }
  return resolved;
}

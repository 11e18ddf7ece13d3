import { isAuthorizationRequired } from './is-authorization-required.js';

/** The parts of a step the stop condition reads; AI SDK 6 and 7 steps both have them. */
export interface StepWithToolResults {
  toolResults: ReadonlyArray<{ output?: unknown }>;
}

/**
 * A `stopWhen` condition: the loop ends at the step in which a tool answered that the user has
 * to authorize, so the UI can show the link. The next user turn runs the tool again.
 */
export function stopOnAuthorizationRequired(): (options: {
  steps: ReadonlyArray<StepWithToolResults>;
}) => boolean {
  return ({ steps }) => steps.at(-1)?.toolResults.some(isAuthorizationRequired) ?? false;
}

import {
  authorizationNotCompleted,
  awaitResumedAuthorization,
} from './await-resumed-authorization.js';
import type { RunOutcome } from './run-outcome.js';
import { type RunToolOptions, runTool } from './run-tool.js';

// The one rule, for every adapter, for a call that paused for an authorization and was resumed
// (a LangGraph `Command({ resume })`, a Mastra resume, an approved AI SDK tool approval): it
// waits for the authorization it paused for, then runs once. If the engine still asks for an
// authorization, the call does not pause again: the model is told the user has still not
// authorized, and the user can ask again, which pauses with a fresh link. So a resumed call
// never loops through pause after pause, and every way an authorization can end without the
// tool running (declined, failed, out of time, still missing) reads the same to the model.

/** Options of `runResumedTool`: `runTool`'s, with the authorization the call paused for. */
export interface RunResumedToolOptions extends RunToolOptions {
  /** The authorization the run paused for, waited for before the tool runs; without it, the tool runs at once. */
  authorization: { id: string; providerId?: string | undefined } | undefined;
  /** The user refused: the tool does not run. */
  declined?: boolean;
  /** How long to wait for the authorization; ten minutes unless given. */
  timeoutMs?: number | undefined;
}

/** A resumed call's outcome: never `authorization_required`, so a resumed call never pauses again. */
export type ResumedRunOutcome = Exclude<RunOutcome, { type: 'authorization_required' }>;

/** Runs a resumed call once its authorization is approved; never pauses again. */
export async function runResumedTool({
  authorization,
  declined,
  timeoutMs,
  ...options
}: RunResumedToolOptions): Promise<ResumedRunOutcome> {
  const requirement = options.definition.requirements?.authorization;
  const refusal = await awaitResumedAuthorization({
    client: options.client,
    authorization,
    declined,
    providerId: requirement?.provider_id,
    timeoutMs,
    signal: options.signal,
  });
  if (refusal) return refusal;
  const outcome = await runTool(options);
  if (outcome.type !== 'authorization_required') return outcome;
  const provider =
    authorization?.providerId ??
    outcome.authorization.providerId ??
    requirement?.provider_id ??
    'the service this tool uses';
  return authorizationNotCompleted(`The user has still not authorized ${provider}.`);
}

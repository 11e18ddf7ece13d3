import { type RunOutcome, toModelOutput } from '@toolgrant/core';

/** What a Toolgrant Mastra tool returns: the tool's value, or the message the model reads for anything else. */
export function toMastraResult(outcome: RunOutcome): unknown {
  return outcome.type === 'completed'
    ? (outcome.value ?? toModelOutput({ outcome }))
    : toModelOutput({ outcome });
}

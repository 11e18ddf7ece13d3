import type { AuthorizationInterrupt } from './authorization-interrupt.js';

// Pausing a run with LangGraph's `interrupt()` needs a graph with a checkpointer, and LangGraph
// has no public way to ask whether the run has one. So the tool asks `interrupt()` itself:
// without a checkpointer it throws, before pausing anything, a `GraphValueError` with LangGraph's
// documented error code `MISSING_CHECKPOINTER`. This file is the only place that relies on that;
// its test fails when LangGraph changes it.
//
// LangGraph is an optional peer: without it installed there is no graph, so no pause.

type LangGraph = typeof import('@langchain/langgraph');

let loading: Promise<LangGraph | undefined> | undefined;

function loadLangGraph(): Promise<LangGraph | undefined> {
  loading ??= import('@langchain/langgraph').catch(() => undefined);
  return loading;
}

const missingCheckpointerCode = 'MISSING_CHECKPOINTER';

function isMissingCheckpointer(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { lc_error_code?: unknown }).lc_error_code === missingCheckpointerCode
  );
}

/** What `interruptForAuthorization` found: the app's resume value, or a run that cannot pause. */
export type InterruptResult = { resumed: true; value: unknown } | { resumed: false };

/**
 * Pauses the run with `interrupt(value)`. The first time, LangGraph's `GraphInterrupt` is thrown
 * and must reach the graph untouched; resumed, the app's resume value is returned. Outside a
 * graph, or in one without a checkpointer, nothing pauses and `{ resumed: false }` is returned.
 */
export async function interruptForAuthorization(
  value: AuthorizationInterrupt,
): Promise<InterruptResult> {
  const langGraph = await loadLangGraph();
  // `interrupt()` reads the run's config where `getConfig()` does; a LangGraph run always has
  // `configurable`. Without either, this is no graph.
  if (langGraph?.getConfig()?.configurable === undefined) return { resumed: false };
  try {
    return { resumed: true, value: langGraph.interrupt(value) };
  } catch (error) {
    if (isMissingCheckpointer(error)) return { resumed: false };
    throw error;
  }
}

// LangGraph is an optional peer: it is imported only when a tool runs inside a graph with a
// checkpointer, where it is installed by definition. Without it, the package still works.

type LangGraph = typeof import('@langchain/langgraph');

let loading: Promise<LangGraph> | undefined;

export function loadLangGraph(): Promise<LangGraph> {
  loading ??= import('@langchain/langgraph');
  return loading;
}

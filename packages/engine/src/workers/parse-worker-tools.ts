import type { WorkerRegisteredTool } from '../tools/tool-registry.js';
import { toWorkerTool } from './to-worker-tool.js';

/** The definitions a worker lists that the engine can use, and what is wrong with the others. */
export function parseWorkerTools({
  workerId,
  values,
}: {
  workerId: string;
  /** What the worker's tool list answered, unchecked. */
  values: readonly unknown[];
}): { tools: WorkerRegisteredTool[]; problems: string[] } {
  const tools: WorkerRegisteredTool[] = [];
  const problems: string[] = [];
  for (const value of values) {
    try {
      tools.push(toWorkerTool({ workerId, value }));
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { tools, problems };
}

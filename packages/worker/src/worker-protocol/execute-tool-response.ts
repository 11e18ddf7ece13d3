import type { ToolExecutionErrorOutput } from '../execute-tool.js';
import type { ToolLog } from '../tool-logger.js';

/** A worker's answer to `POST /worker/tools/invoke`. Tool failures are answered with 200 too. */
export interface ExecuteToolResponse {
  execution_id: string;
  /** ISO 8601. */
  finished_at: string;
  /** Milliseconds the tool call took on the worker. */
  duration: number;
  success: boolean;
  output: { value: unknown } | { error: ToolExecutionErrorOutput };
  logs: ToolLog[];
}

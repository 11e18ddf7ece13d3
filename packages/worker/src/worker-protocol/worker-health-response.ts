import { createProtocolValidator } from './protocol-validator.js';

// Arcade's own workers answer the count as a string: `{"status":"ok","tool_count":"3"}`
// (arcade-mcp, libs/arcade-serve/arcade_serve/core/base.py `health_check`, and arcade-mcp-ts,
// src/worker/routes.ts `GET /health`). This package's worker answers a number. Both are read.

/** A worker's answer to `GET /worker/health`. */
export interface WorkerHealthResponse {
  status: 'ok';
  /** How many tools the worker serves: a number, or (Arcade's workers) a string of digits. */
  tool_count?: number | string;
}

/** The JSON Schema of `WorkerHealthResponse`. */
export const workerHealthResponseSchema = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { const: 'ok' },
    tool_count: {
      anyOf: [
        { type: 'integer', minimum: 0 },
        { type: 'string', pattern: '^[0-9]{1,9}$' },
      ],
    },
  },
} as const;

/** The answer, or the problems that make it something other than a healthy worker's. */
export const safeParseWorkerHealthResponse = createProtocolValidator<WorkerHealthResponse>(
  workerHealthResponseSchema,
);

/** The tool count of a parsed health answer as a number, whichever form the worker sent. */
export function toolCountOf(health: WorkerHealthResponse): number | undefined {
  const count = health.tool_count;
  if (count === undefined) return undefined;
  return typeof count === 'number' ? count : Number.parseInt(count, 10);
}

import { createProtocolValidator } from './protocol-validator.js';

/** A worker's answer to `GET /worker/health`. */
export interface WorkerHealthResponse {
  status: 'ok';
  /** How many tools the worker serves. */
  tool_count?: number;
}

/** The JSON Schema of `WorkerHealthResponse`. */
export const workerHealthResponseSchema = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { const: 'ok' },
    tool_count: { type: 'integer', minimum: 0 },
  },
} as const;

/** The answer, or the problems that make it something other than a healthy worker's. */
export const safeParseWorkerHealthResponse = createProtocolValidator<WorkerHealthResponse>(
  workerHealthResponseSchema,
);

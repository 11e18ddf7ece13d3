import { createProtocolValidator } from './protocol-validator.js';

// A worker's answer to `POST /worker/tools/invoke`. Tool failures are answered with 200 too.
// The schema is what an engine accepts from any worker speaking the protocol: this package's
// worker sends every field, other workers may leave the optional ones out, or send more.
// Arcade's workers put the logs inside `output` and send `null` for the unused half of the
// output (arcade-mcp, libs/arcade-core/arcade_core/schema.py `ToolCallOutput`; arcade-mcp-ts,
// src/worker/types.ts `WorkerToolCallOutput`), so `output.logs` and a null `output.error` are
// read as well as the top-level `logs`.

/** The error of a failed execution, as a worker reports it. */
export interface ExecuteToolResponseError {
  /** For the model: what went wrong and how to proceed. */
  message: string;
  /** For the application only. */
  developer_message?: string | null;
  kind?: string;
  can_retry?: boolean;
  additional_prompt_content?: string | null;
  retry_after_ms?: number | null;
  status_code?: number | null;
}

/** One log line of an execution, as a worker reports it. */
export interface ExecuteToolResponseLog {
  level: string;
  message: string;
}

/** A worker's answer to `POST /worker/tools/invoke`. */
export interface ExecuteToolResponse {
  execution_id?: string;
  /** ISO 8601. */
  finished_at?: string;
  /** Milliseconds the tool call took on the worker. */
  duration?: number;
  success: boolean;
  output?: {
    value?: unknown;
    error?: ExecuteToolResponseError | null;
    /** Where Arcade's workers put the logs. */
    logs?: ExecuteToolResponseLog[] | null;
  } | null;
  logs?: ExecuteToolResponseLog[] | null;
}

const nullableString = { type: ['string', 'null'] };
const nullableNumber = { type: ['number', 'null'] };
const logsSchema = {
  type: ['array', 'null'],
  items: {
    type: 'object',
    required: ['level', 'message'],
    properties: { level: { type: 'string' }, message: { type: 'string' } },
  },
} as const;

/** The JSON Schema of `ExecuteToolResponse`. */
export const executeToolResponseSchema = {
  type: 'object',
  required: ['success'],
  properties: {
    execution_id: { type: 'string' },
    finished_at: { type: 'string' },
    duration: { type: 'number' },
    success: { type: 'boolean' },
    output: {
      type: ['object', 'null'],
      properties: {
        error: {
          type: ['object', 'null'],
          required: ['message'],
          properties: {
            message: { type: 'string' },
            developer_message: nullableString,
            kind: { type: 'string' },
            can_retry: { type: 'boolean' },
            additional_prompt_content: nullableString,
            retry_after_ms: nullableNumber,
            status_code: nullableNumber,
          },
        },
        logs: logsSchema,
      },
    },
    logs: logsSchema,
  },
} as const;

/** The answer, or the problems that make it something other than an execute-tool response. */
export const safeParseExecuteToolResponse =
  createProtocolValidator<ExecuteToolResponse>(executeToolResponseSchema);

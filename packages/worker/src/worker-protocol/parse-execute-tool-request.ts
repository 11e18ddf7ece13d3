import schema from './execute-tool-request.schema.json' with { type: 'json' };
import { InvalidExecuteToolRequestError } from './invalid-execute-tool-request-error.js';
import { createProtocolValidator } from './protocol-validator.js';

// The body of `POST /worker/tools/invoke`, checked exactly against Arcade's published schema.

/** The execute-tool request an engine sends a worker (Arcade's worker request). */
export interface ExecuteToolRequest {
  $schema?: string;
  run_id: string;
  execution_id: string;
  created_at: string;
  tool: { name: string; toolkit: string; version: string };
  inputs: Record<string, unknown>;
  context: {
    authorization?: { token?: string; [key: string]: unknown };
    secrets?: Record<string, unknown>;
    user_id?: string;
    user_info?: Record<string, unknown>;
    [key: string]: unknown;
  };
}

const check = createProtocolValidator<ExecuteToolRequest>(schema);

/** The request, or `InvalidExecuteToolRequestError` naming every field that breaks the schema. */
export function parseExecuteToolRequest(body: unknown): ExecuteToolRequest {
  const result = check(body);
  if (result.success) return result.data;
  throw new InvalidExecuteToolRequestError({ problems: result.problems });
}

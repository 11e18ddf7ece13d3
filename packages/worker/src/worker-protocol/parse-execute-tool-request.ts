import schema from './execute-tool-request.schema.json' with { type: 'json' };
import { InvalidExecuteToolRequestError } from './invalid-execute-tool-request-error.js';
import { createProtocolValidator } from './protocol-validator.js';

// The body of `POST /worker/tools/invoke`, checked exactly against Arcade's published schema,
// with one exception: `context.secrets`. The published schema says an object map, but Arcade's
// own code — its engine and every worker built on it — says a list of `{ key, value }`
// (arcade-mcp, libs/arcade-core/arcade_core/schema.py `ToolContext.secrets: list[ToolSecretItem]`;
// arcade-mcp-ts, src/worker/types.ts `WorkerToolContext.secrets`), and Toolgrant's engine sends
// the list so that Arcade's workers can read it. A worker must accept requests from either kind
// of engine, so the list is checked here and turned into the map before the schema is applied.

/** One secret as Arcade's engines and workers send it. */
export interface ExecuteToolSecret {
  key: string;
  value: string;
}

/** The execute-tool request an engine sends a worker (Arcade's worker request). */
export interface ExecuteToolRequest {
  $schema?: string;
  run_id: string;
  execution_id: string;
  created_at: string;
  tool: { name: string; toolkit: string; version: string };
  inputs: Record<string, unknown>;
  context: {
    /** The user's credential, and what the provider said about the user (Arcade: `user_info`). */
    authorization?: { token?: string; user_info?: Record<string, unknown>; [key: string]: unknown };
    /** A list of `{ key, value }` (what Arcade's workers read) or a map (the published schema). */
    secrets?: Record<string, unknown> | ExecuteToolSecret[];
    user_id?: string;
    user_info?: Record<string, unknown>;
    [key: string]: unknown;
  };
}

/** A checked request: its secrets always as a map. */
export type ParsedExecuteToolRequest = ExecuteToolRequest & {
  context: { secrets?: Record<string, unknown> };
};

const check = createProtocolValidator<ParsedExecuteToolRequest>(schema);

/** The request, or `InvalidExecuteToolRequestError` naming every field that breaks the schema. */
export function parseExecuteToolRequest(body: unknown): ParsedExecuteToolRequest {
  const { body: normalized, problems } = secretsAsMap(body);
  const result = check(normalized);
  if (result.success && problems.length === 0) return result.data;
  throw new InvalidExecuteToolRequestError({
    problems: [...problems, ...(result.success ? [] : result.problems)],
  });
}

/** The body with a list of secrets turned into a map, and what was wrong with the list. */
function secretsAsMap(body: unknown): { body: unknown; problems: string[] } {
  const context = isRecord(body) ? body.context : undefined;
  const secrets = isRecord(context) ? context.secrets : undefined;
  if (!isRecord(body) || !isRecord(context) || !Array.isArray(secrets)) {
    return { body, problems: [] };
  }
  const problems: string[] = [];
  const map: Record<string, string> = Object.create(null);
  secrets.forEach((item: unknown, index) => {
    const at = `context.secrets[${index}]`;
    if (!isRecord(item) || typeof item.key !== 'string' || typeof item.value !== 'string') {
      problems.push(`'${at}' must be an object { key, value } with two strings`);
    } else if (Object.hasOwn(map, item.key)) {
      problems.push(`'${at}.key' repeats the secret '${item.key}'; send each secret once`);
    } else {
      map[item.key] = item.value;
    }
  });
  return { body: { ...body, context: { ...context, secrets: map } }, problems };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

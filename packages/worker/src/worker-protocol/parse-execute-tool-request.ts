import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import schema from './execute-tool-request.schema.json' with { type: 'json' };
import { InvalidExecuteToolRequestError } from './invalid-execute-tool-request-error.js';

// The body of `POST /worker/tools/invoke`, checked exactly against Arcade's published schema.

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

// ajv-formats is CommonJS: under Node's ESM loader its function is the default export, in
// bundlers sometimes the namespace's `default`.
const addFormats = ((addFormatsModule as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule.default;

let validate: ReturnType<Ajv['compile']> | undefined;

function validator(): ReturnType<Ajv['compile']> {
  if (validate === undefined) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv, ['uri', 'date-time']);
    validate = ajv.compile(schema);
  }
  return validate;
}

/** The request, or `InvalidExecuteToolRequestError` naming every field that breaks the schema. */
export function parseExecuteToolRequest(body: unknown): ExecuteToolRequest {
  const check = validator();
  if (check(body)) return body as ExecuteToolRequest;
  throw new InvalidExecuteToolRequestError({
    problems: [...new Set((check.errors ?? []).map(describeProblem))],
  });
}

function describeProblem(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
  const at = (field: string) => (path === '' ? field : `${path}.${field}`);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `'${at(String(params.missingProperty))}' is required`;
    case 'additionalProperties':
      return path === ''
        ? `unknown top-level field '${String(params.additionalProperty)}' is not allowed; remove it`
        : `unknown field '${at(String(params.additionalProperty))}' is not allowed; remove it`;
    case 'type':
      return `'${path === '' ? '(body)' : path}' must be ${article(String(params.type))} ${String(params.type)}`;
    case 'format':
      return `'${path}' must be ${formatDescriptions[String(params.format)] ?? `in format ${String(params.format)}`}`;
    case 'false schema':
      return `'${path}' is not allowed; remove it`;
    default:
      return `'${path === '' ? '(body)' : path}' ${error.message ?? 'is invalid'}`;
  }
}

const formatDescriptions: Record<string, string> = {
  'date-time': 'an RFC 3339 date-time, for example 2025-01-31T12:00:00Z',
  uri: 'an absolute URI',
};

function article(type: string): string {
  return /^[aeiou]/.test(type) ? 'an' : 'a';
}

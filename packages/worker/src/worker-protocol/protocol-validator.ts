import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';

// The one way the worker protocol is validated: JSON Schema, with Ajv. Both sides use it — the
// worker for the requests it receives, the engine for the answers it gets back — so a message
// is checked against the same schema, with the same wording of each problem.

// ajv-formats is CommonJS: under Node's ESM loader its function is the default export, in
// bundlers sometimes the namespace's `default`.
const addFormats = ((addFormatsModule as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule.default;

let ajv: Ajv | undefined;

/** A check of `schema`, compiled on first use; `problems` names each field that breaks it. */
export function createProtocolValidator<T>(
  schema: object,
): (body: unknown) => { success: true; data: T } | { success: false; problems: string[] } {
  let validate: ReturnType<Ajv['compile']> | undefined;
  return (body) => {
    if (ajv === undefined) {
      ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
      addFormats(ajv, ['uri', 'date-time']);
    }
    validate ??= ajv.compile(schema);
    if (validate(body)) return { success: true, data: body as T };
    return {
      success: false,
      problems: [...new Set((validate.errors ?? []).map(describeProblem))],
    };
  };
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
    case 'type': {
      const types = String(params.type).split(',');
      return `'${path === '' ? '(body)' : path}' must be ${types.map((type) => (type === 'null' ? 'null' : `${article(type)} ${type}`)).join(' or ')}`;
    }
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

import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { describeValue } from './describe-value.js';
import type { McpJsonSchema, McpToolDefinition } from './mcp-tool-definition.js';
import { unknownKeyMessage } from './unknown-key-message.js';
import type { ToolInputIssue, ToolInputValidation } from './validate-tool-input.js';

// Checks a model's arguments against an MCP tool's JSON Schema before the call, and says what
// to fix in the same words as for Arcade tools (`validateToolInput`): one issue per field, with
// its path, what was expected and what was received. Nulls a strict-mode model sends for
// optional keys are removed first (recursively), unless the schema accepts null there.
// A schema Ajv cannot compile is not checked here: the server checks its own arguments.

/** Checks arguments against one MCP tool's schema. */
export type McpInputValidator = (input: unknown) => ToolInputValidation;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function acceptsNull(schema: unknown): boolean {
  if (!isObject(schema)) return true;
  const { type } = schema;
  if (type === 'null' || (Array.isArray(type) && type.includes('null'))) return true;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.some(acceptsNull)) return true;
  }
  return (
    type === undefined &&
    schema.anyOf === undefined &&
    schema.oneOf === undefined &&
    schema.$ref === undefined &&
    schema.enum === undefined &&
    schema.const === undefined
  );
}

function withoutNulls(value: unknown, schema: unknown): unknown {
  if (!isObject(schema)) return value;
  if (Array.isArray(value)) {
    return isObject(schema.items) ? value.map((item) => withoutNulls(item, schema.items)) : value;
  }
  if (!isObject(value) || !isObject(schema.properties)) return value;
  const properties = schema.properties;
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const result: JsonObject = {};
  for (const [key, entry] of Object.entries(value)) {
    const property = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (entry === null && property !== undefined && !required.has(key) && !acceptsNull(property)) {
      continue;
    }
    result[key] = property === undefined ? entry : withoutNulls(entry, property);
  }
  return result;
}

function toKeys(error: ErrorObject): (string | number)[] {
  const keys: (string | number)[] = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  if (error.keyword === 'required') keys.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') keys.push(String(error.params.additionalProperty));
  return keys;
}

function formatPath(keys: readonly (string | number)[]): string {
  let formatted = '';
  for (const key of keys) {
    if (typeof key === 'number') formatted += `[${key}]`;
    else formatted += formatted === '' ? key : `.${key}`;
  }
  return formatted;
}

function valueAt(input: unknown, keys: readonly (string | number)[]): unknown {
  let current = input;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function schemaAt(schema: unknown, keys: readonly (string | number)[]): JsonObject | undefined {
  let current = schema;
  for (const key of keys) {
    if (!isObject(current)) return undefined;
    if (typeof key === 'number') current = current.items;
    else current = isObject(current.properties) ? current.properties[key] : undefined;
  }
  return isObject(current) ? current : undefined;
}

const articles: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function describeExpected(schema: JsonObject | undefined): string {
  if (!schema) return 'a value';
  if (Array.isArray(schema.enum)) {
    return `one of ${schema.enum.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const known = types.filter((type): type is string => typeof type === 'string');
  if (known.length === 0) return 'a value';
  return known.map((type) => articles[type] ?? type).join(' or ');
}

function toIssue(schema: McpJsonSchema, input: unknown, error: ErrorObject): ToolInputIssue {
  const keys = toKeys(error);
  const path = formatPath(keys);
  const received = valueAt(input, keys);
  let message: string;
  if (error.keyword === 'additionalProperties') {
    const parentKeys = keys.slice(0, -1);
    const parent = schemaAt(schema, parentKeys);
    const known = isObject(parent?.properties) ? Object.keys(parent.properties) : [];
    message = unknownKeyMessage({ known, topLevel: parentKeys.length === 0 });
  } else if (error.keyword === 'required') {
    message = `missing (expected ${describeExpected(schemaAt(schema, keys))})`;
  } else if (error.keyword === 'type' || error.keyword === 'enum' || error.keyword === 'const') {
    message = `expected ${describeExpected(schemaAt(schema, keys))}, received ${describeValue(received)}`;
  } else {
    message = `${error.message ?? 'is not valid'}, received ${describeValue(received)}`;
  }
  return { path, keys, message };
}

/** Compiles a checker for one MCP tool's arguments. */
export function compileMcpInputValidator(definition: McpToolDefinition): McpInputValidator {
  const { inputSchema, qualifiedName } = definition;
  let validate: ValidateFunction | undefined;
  try {
    // The schema's own `$schema` is left out: MCP's default dialect is 2020-12, and a tool that
    // names draft-07 is checked the same way for the keywords models meet.
    const { $schema: _dialect, ...schema } = inputSchema;
    validate = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(
      schema,
    );
  } catch {
    validate = undefined;
  }
  return (input) => {
    const given = input === undefined ? {} : input;
    if (!isObject(given)) {
      return {
        success: false,
        message: `Invalid arguments for ${qualifiedName}: expected an object of named arguments, received ${describeValue(given)}`,
        issues: [
          {
            path: '',
            keys: [],
            message: `expected an object of named arguments, received ${describeValue(given)}`,
          },
        ],
      };
    }
    const cleaned = withoutNulls(given, inputSchema) as JsonObject;
    if (!validate || validate(cleaned)) return { success: true, input: cleaned };
    const issues = (validate.errors ?? [])
      .filter(
        (error) => error.keyword !== 'if' && error.keyword !== 'anyOf' && error.keyword !== 'oneOf',
      )
      .map((error) => toIssue(inputSchema, cleaned, error));
    const details = issues
      .map(({ path, message }) => (path === '' ? message : `${path}: ${message}`))
      .join('; ');
    return {
      success: false,
      message: `Invalid arguments for ${qualifiedName}: ${details}`,
      issues,
    };
  };
}

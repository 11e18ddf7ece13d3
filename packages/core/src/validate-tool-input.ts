// Checks a model's arguments before a tool runs and, when they are wrong, says what to fix in
// words a model can act on. Nulls for optional parameters are removed first (recursively, for
// optional keys of nested objects too): a model following the strict OpenAI format sends null for
// every argument it leaves out, and the tool must see those as absent. Unknown keys are rejected
// and reported, since a mistaken key would otherwise be silently dropped.

import { describeValue } from './describe-value.js';
import { toZodSchema } from './to-zod-schema.js';
import type { PropertySchema, ToolDefinition, ValueSchema } from './tool-definition.js';
import { unknownKeyMessage } from './unknown-key-message.js';
import { itemPropertiesOf, itemSchemaOf, objectPropertiesOf } from './value-schema-properties.js';
import type { z } from './zod.js';

/** One bad argument: where, and what was expected. */
export interface ToolInputIssue {
  /** Where, for example `labels[1]` or `filter.from`; empty for the arguments as a whole. */
  path: string;
  /** The same place as keys: `['labels', 1]`, `['filter', 'from']`; empty for the whole. */
  keys: (string | number)[];
  message: string;
}

/**
 * What `validateToolInput` found: the cleaned arguments, or a message for the model with each issue.
 */
export type ToolInputValidation =
  | { success: true; input: Record<string, unknown> }
  | { success: false; message: string; issues: ToolInputIssue[] };

type UnknownObject = Record<string, unknown>;
type PathSegment = PropertyKey;

function isObject(value: unknown): value is UnknownObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutNulls(
  value: UnknownObject,
  fieldOf: (key: string) => { required: boolean; schema: ValueSchema } | undefined,
): UnknownObject {
  const result: UnknownObject = {};
  for (const key in value) {
    const entry = value[key];
    const field = fieldOf(key);
    if (field === undefined) {
      result[key] = entry;
    } else if (entry === null && !field.required) {
      // Absent, as the tool expects.
    } else {
      result[key] = valueWithoutNulls(entry, field.schema);
    }
  }
  return result;
}

function propertyLookup(properties: Record<string, PropertySchema>) {
  return (key: string) => {
    const property = Object.hasOwn(properties, key) ? properties[key] : undefined;
    return property && { required: property.required === true, schema: property };
  };
}

function valueWithoutNulls(value: unknown, schema: ValueSchema): unknown {
  if (schema.val_type === 'json') {
    const properties = objectPropertiesOf(schema);
    return properties && isObject(value) ? withoutNulls(value, propertyLookup(properties)) : value;
  }
  if (schema.val_type === 'array' && Array.isArray(value)) {
    const properties = itemPropertiesOf(schema);
    if (!properties) return value;
    const lookup = propertyLookup(properties);
    return value.map((item) => (isObject(item) ? withoutNulls(item, lookup) : item));
  }
  return value;
}

function quoteList(values: readonly string[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

const plurals: Record<string, string> = {
  string: 'strings',
  integer: 'integers',
  number: 'numbers',
  boolean: 'booleans (true or false)',
  json: 'objects',
};

function describeExpected(schema: ValueSchema): string {
  switch (schema.val_type) {
    case 'string':
      return schema.enum ? `one of ${quoteList(schema.enum)}` : 'a string';
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'json': {
      const properties = objectPropertiesOf(schema);
      return properties ? `an object with keys ${Object.keys(properties).join(', ')}` : 'an object';
    }
    case 'array': {
      const inner = schema.inner_val_type ?? 'json';
      const items = `an array of ${plurals[inner] ?? inner}`;
      return schema.enum ? `${items}, each one of ${quoteList(schema.enum)}` : items;
    }
    default:
      return 'a value';
  }
}

/** The schema at a path of the input, and whether that key is required. */
function schemaAt(
  definition: ToolDefinition,
  path: readonly PathSegment[],
): { schema: ValueSchema; required: boolean } | undefined {
  const parameter = definition.input.parameters.find(({ name }) => name === path[0]);
  if (!parameter) return undefined;
  let current = { schema: parameter.value_schema, required: parameter.required };
  for (const segment of path.slice(1)) {
    const { schema } = current;
    if (schema.val_type === 'array' && typeof segment === 'number') {
      const properties = itemPropertiesOf(schema);
      current = {
        schema: properties ? { val_type: 'json', properties } : itemSchemaOf(schema),
        required: true,
      };
    } else if (schema.val_type === 'json' && typeof segment === 'string') {
      const property = objectPropertiesOf(schema)?.[segment];
      if (!property) return undefined;
      current = { schema: property, required: property.required === true };
    } else {
      return undefined;
    }
  }
  return current;
}

function valueAt(input: unknown, path: readonly PathSegment[]): unknown {
  let current = input;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function formatPath(path: readonly PathSegment[]): string {
  let formatted = '';
  for (const segment of path) {
    if (typeof segment === 'number') formatted += `[${segment}]`;
    else formatted += formatted === '' ? String(segment) : `.${String(segment)}`;
  }
  return formatted;
}

// Zod's paths through our schemas hold object keys and array indexes only.
function toKeys(path: readonly PathSegment[]): (string | number)[] {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

function keysAt(definition: ToolDefinition, path: readonly PathSegment[]): string[] {
  if (path.length === 0) return definition.input.parameters.map(({ name }) => name);
  const found = schemaAt(definition, path);
  const properties = found && objectPropertiesOf(found.schema);
  return properties ? Object.keys(properties) : [];
}

function toIssues(
  definition: ToolDefinition,
  input: UnknownObject,
  issue: z.core.$ZodIssue,
): ToolInputIssue[] {
  const path = issue.path as PathSegment[];
  if (issue.code === 'unrecognized_keys') {
    const message = unknownKeyMessage({
      known: keysAt(definition, path),
      topLevel: path.length === 0,
    });
    return issue.keys.map((key) => ({
      path: formatPath([...path, key]),
      keys: toKeys([...path, key]),
      message,
    }));
  }
  const found = schemaAt(definition, path);
  const received = valueAt(input, path);
  if (!found) return [{ path: formatPath(path), keys: toKeys(path), message: issue.message }];
  const expected = describeExpected(found.schema);
  let message: string;
  if (received === undefined) {
    message = `missing (expected ${expected})`;
  } else if (
    found.schema.val_type === 'integer' &&
    (issue.code === 'too_big' || issue.code === 'too_small')
  ) {
    message = `expected an integer between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}, received ${describeValue(received)}`;
  } else {
    message = `expected ${expected}, received ${describeValue(received)}`;
  }
  return [{ path: formatPath(path), keys: toKeys(path), message }];
}

function failure(definition: ToolDefinition, issues: ToolInputIssue[]): ToolInputValidation {
  const details = issues
    .map(({ path, message }) => (path === '' ? message : `${path}: ${message}`))
    .join('; ');
  return {
    success: false,
    message: `Invalid arguments for ${definition.qualified_name}: ${details}`,
    issues,
  };
}

/**
 * Checks a model's arguments against a tool's definition. On success, `input` is what the tool
 * should receive (nulls for optional arguments removed); on failure, `message` tells the model
 * what to fix.
 */
export function validateToolInput(definition: ToolDefinition, input: unknown): ToolInputValidation {
  const given = input === undefined ? {} : input;
  if (!isObject(given)) {
    return failure(definition, [
      {
        path: '',
        keys: [],
        message: `expected an object of named arguments, received ${describeValue(given)}`,
      },
    ]);
  }
  const parameters = new Map(
    definition.input.parameters.map((parameter) => [
      parameter.name,
      { required: parameter.required, schema: parameter.value_schema },
    ]),
  );
  const cleaned = withoutNulls(given, (key) => parameters.get(key));
  const result = toZodSchema(definition).safeParse(cleaned);
  if (result.success) return { success: true, input: result.data };
  return failure(
    definition,
    result.error.issues.flatMap((issue) => toIssues(definition, cleaned, issue)),
  );
}

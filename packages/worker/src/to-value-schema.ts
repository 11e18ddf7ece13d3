import type { PropertySchema, ToolParameter, ValueSchema } from '@toolgrant/core';
import { z } from 'zod/v4';
import { ToolDefinitionError } from './tool-definition-error.js';
import { unsupportedZodKind } from './unsupported-zod-kind.js';
import { zodSchemaKind } from './zod-schema-kind.js';

// Derives the Arcade value schemas the engine serves from an author's Zod schema, through Zod's
// own JSON Schema of what the model sends (`z.toJSONSchema`, input side). Value schemas describe
// strings, numbers, booleans, enums of strings, objects and arrays; anything the model could not
// be told about (unions, tuples, transforms, ...) is refused here, at definition time, with the
// tool and field named and what to write instead.

type ZodSchema = z.core.$ZodType;

interface JsonNode {
  type?: string | string[];
  description?: string;
  inferrable?: unknown;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonNode[];
  oneOf?: JsonNode[];
  properties?: Record<string, JsonNode>;
  required?: string[];
  items?: JsonNode;
  propertyNames?: JsonNode;
  $ref?: string;
  $defs?: Record<string, JsonNode>;
  [kindKey]?: string;
}

/** Where each JSON Schema node records the kind of Zod schema it came from. */
const kindKey = 'x-toolgrant-zod-kind';

/** Kinds that only wrap another schema; their node is the wrapped schema's, with extras. */
const wrapperKinds = new Set([
  'optional',
  'nullable',
  'default',
  'prefault',
  'catch',
  'nonoptional',
  'readonly',
  'pipe',
]);
const supportedKinds = new Set([
  'string',
  'template_literal',
  'number',
  'boolean',
  'enum',
  'literal',
  'null',
  'object',
  'record',
  'array',
  'union',
]);

/** Kinds whose JSON Schema may be a string, or rewritten to one as a record's key. */
const stringKinds = new Set(['string', 'template_literal', 'enum', 'literal', 'union']);

interface Described {
  node: JsonNode;
  /** The key may be left out, or sent as null. */
  optional: boolean;
  description: string | undefined;
  inferrable: boolean | undefined;
}

interface Walk {
  toolName: string;
  /** `#/$defs/...` of the root, for schemas registered with an id. */
  definitions: Record<string, JsonNode>;
}

/** The Arcade parameters of a tool's input schema, one per top-level field. */
export function toToolParameters({
  toolName,
  input,
}: {
  toolName: string;
  input: ZodSchema;
}): ToolParameter[] {
  const walk = start({ toolName, schema: input });
  const { node } = unwrap({ node: walk.root, walk, path: '(input)' });
  const kind = kindOf(node);
  if (kind !== 'object') {
    throw new ToolDefinitionError({
      message: `Tool '${toolName}': input must be a z.object({...}) whose keys are the tool's parameters; got a ${kind} schema.`,
    });
  }
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties ?? {}).map(([name, property]) => {
    const field = unwrap({ node: property, walk, path: name });
    return {
      name,
      required: required.has(name) && !field.optional,
      description: field.description ?? null,
      inferrable: field.inferrable ?? true,
      value_schema: convert({ field, walk, path: name }),
    };
  });
}

/** The Arcade value schema of a Zod schema; throws for what a model could not be told about. */
export function toValueSchema({
  toolName,
  schema,
  path,
}: {
  toolName: string;
  schema: ZodSchema;
  /** Where the schema sits, for error messages: `output`, `filters.labels`, ... */
  path: string;
}): { valueSchema: ValueSchema; description: string | undefined } {
  const walk = start({ toolName, schema });
  const field = unwrap({ node: walk.root, walk, path });
  return { valueSchema: convert({ field, walk, path }), description: field.description };
}

function start({ toolName, schema }: { toolName: string; schema: ZodSchema }): Walk & {
  root: JsonNode;
} {
  const root = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      const kind = zodSchemaKind(zodSchema);
      if (!wrapperKinds.has(kind)) (jsonSchema as JsonNode)[kindKey] = kind;
    },
  }) as JsonNode;
  return { toolName, definitions: root.$defs ?? {}, root };
}

function kindOf(node: JsonNode): string {
  return node[kindKey] ?? 'unknown';
}

function fail({
  walk,
  path,
  problem,
  instead,
}: {
  walk: Walk;
  path: string;
  problem: string;
  instead: string;
}): never {
  throw new ToolDefinitionError({
    message: `Tool '${walk.toolName}', field '${path}': ${problem}, which a tool definition cannot describe to the model. ${instead}`,
  });
}

/** The node a `$ref` to the root's `$defs` points at; a reference back up is recursion. */
function resolve({
  node,
  walk,
  path,
  seen,
}: {
  node: JsonNode;
  walk: Walk;
  path: string;
  seen: Set<string>;
}): JsonNode {
  let current = node;
  while (current.$ref !== undefined) {
    const name = current.$ref.startsWith('#/$defs/') ? current.$ref.slice(8) : undefined;
    const target = name === undefined ? undefined : walk.definitions[name];
    if (target === undefined || seen.has(current.$ref)) {
      return unsupported({ node: { [kindKey]: 'lazy' }, walk, path });
    }
    seen.add(current.$ref);
    const { $ref: _ref, ...rest } = current;
    current = { ...target, ...rest };
  }
  return current;
}

/** Peels optional/nullable/default/... off a node, keeping the outermost description. */
function unwrap({ node, walk, path }: { node: JsonNode; walk: Walk; path: string }): Described {
  let current = resolve({ node, walk, path, seen: new Set() });
  let optional = 'default' in current;
  let description: string | undefined;
  let inferrable: boolean | undefined;
  for (;;) {
    if (description === undefined && typeof current.description === 'string') {
      description = current.description;
    }
    if (inferrable === undefined && typeof current.inferrable === 'boolean') {
      inferrable = current.inferrable;
    }
    if (current[kindKey] !== undefined && current[kindKey] !== 'union') break;
    const branches = current.anyOf ?? current.oneOf;
    if (branches !== undefined) {
      // `X.nullable()` and `z.union([X, z.null()])` are a nullable X.
      const nonNull = branches.filter((branch) => !isNull(branch));
      if (nonNull.length === 1 && nonNull.length < branches.length) {
        optional = true;
        current = resolve({ node: nonNull[0]!, walk, path, seen: new Set() });
        continue;
      }
    } else if (Array.isArray(current.type) && current.type.includes('null')) {
      const nonNull = current.type.filter((type) => type !== 'null');
      if (nonNull.length === 1) {
        optional = true;
        current = { ...current, type: nonNull[0]! };
        continue;
      }
    }
    break;
  }
  return { node: current, optional, description, inferrable };
}

function isNull(node: JsonNode): boolean {
  return node.type === 'null' && !('const' in node) && !('enum' in node);
}

function convert({
  field,
  walk,
  path,
}: {
  field: Described;
  walk: Walk;
  path: string;
}): ValueSchema {
  const { node } = field;
  const scalar = convertScalar({ node, walk, path });
  if (scalar) return scalar;

  switch (kindOf(node)) {
    case 'object':
      return { val_type: 'json', properties: convertProperties({ node, walk, path }) };
    case 'record':
      checkRecordKey({ node, walk, path });
      return { val_type: 'json' };
    case 'array': {
      const itemPath = `${path}[]`;
      const item = unwrap({ node: node.items ?? {}, walk, path: itemPath });
      const itemScalar = convertScalar({ node: item.node, walk, path: itemPath });
      if (itemScalar) {
        return {
          val_type: 'array',
          inner_val_type: itemScalar.val_type as Exclude<ValueSchema['val_type'], 'array'>,
          ...(itemScalar.enum ? { enum: itemScalar.enum } : {}),
        };
      }
      switch (kindOf(item.node)) {
        case 'object':
          return {
            val_type: 'array',
            inner_val_type: 'json',
            inner_properties: convertProperties({ node: item.node, walk, path: itemPath }),
          };
        case 'record':
          checkRecordKey({ node: item.node, walk, path: itemPath });
          return { val_type: 'array', inner_val_type: 'json' };
        case 'array':
          return fail({
            walk,
            path: itemPath,
            problem: 'it is an array of arrays',
            instead:
              'Use an array of objects, for example z.array(z.object({ values: z.array(...) })).',
          });
        default:
          return unsupported({ node: item.node, walk, path: itemPath });
      }
    }
    default:
      return unsupported({ node, walk, path });
  }
}

function convertProperties({
  node,
  walk,
  path,
}: {
  node: JsonNode;
  walk: Walk;
  path: string;
}): Record<string, PropertySchema> {
  const required = new Set(node.required ?? []);
  const properties: Record<string, PropertySchema> = {};
  for (const [key, propertyNode] of Object.entries(node.properties ?? {})) {
    const propertyPath = `${path}.${key}`;
    const property = unwrap({ node: propertyNode, walk, path: propertyPath });
    properties[key] = {
      ...convert({ field: property, walk, path: propertyPath }),
      required: required.has(key) && !property.optional,
      description: property.description ?? null,
    };
  }
  return properties;
}

/** Strings, numbers, booleans and enums of strings; undefined for anything else. */
function convertScalar({
  node,
  walk,
  path,
}: {
  node: JsonNode;
  walk: Walk;
  path: string;
}): ValueSchema | undefined {
  if (!supportedKinds.has(kindOf(node))) return undefined;
  const choices = choicesOf(node);
  if (choices !== undefined) {
    return { val_type: 'string', enum: stringChoices({ values: choices, walk, path }) };
  }
  const branches = node.anyOf ?? node.oneOf;
  if (branches !== undefined) {
    // A union of string literals / enums is an enum; any other union is refused by the caller.
    const values: unknown[] = [];
    for (const branch of branches) {
      const branchChoices = choicesOf(branch);
      if (branchChoices === undefined) return undefined;
      values.push(...branchChoices);
    }
    if (!values.every((value) => typeof value === 'string')) return undefined;
    return { val_type: 'string', enum: [...new Set(values as string[])] };
  }
  switch (node.type) {
    case 'string':
      return { val_type: 'string' };
    case 'boolean':
      return { val_type: 'boolean' };
    case 'integer':
      return { val_type: 'integer' };
    case 'number':
      return { val_type: 'number' };
    default:
      return undefined;
  }
}

function choicesOf(node: JsonNode): readonly unknown[] | undefined {
  if (node.enum !== undefined) return node.enum;
  if ('const' in node) return [node.const];
  return undefined;
}

function stringChoices({
  values,
  walk,
  path,
}: {
  values: readonly unknown[];
  walk: Walk;
  path: string;
}): string[] {
  if (!values.every((value) => typeof value === 'string')) {
    return fail({
      walk,
      path,
      problem: `it is a choice of non-string values (${values.map((value) => JSON.stringify(value)).join(', ')})`,
      instead:
        'Use z.enum([...]) of strings (map them to numbers inside execute()), z.boolean(), or z.number().',
    });
  }
  return [...(values as string[])];
}

function checkRecordKey({ node, walk, path }: { node: JsonNode; walk: Walk; path: string }): void {
  const key = unwrap({
    node: node.propertyNames ?? { type: 'string', [kindKey]: 'string' },
    walk,
    path: `${path} (key)`,
  }).node;
  if (
    !stringKinds.has(kindOf(key)) ||
    convertScalar({ node: key, walk, path })?.val_type !== 'string'
  ) {
    fail({
      walk,
      path,
      problem: `it is a record with ${kindOf(key)} keys`,
      instead: 'JSON object keys are strings: use z.record(z.string(), ...).',
    });
  }
}

function unsupported({ node, walk, path }: { node: JsonNode; walk: Walk; path: string }): never {
  return fail({ walk, path, ...unsupportedZodKind(kindOf(node)) });
}

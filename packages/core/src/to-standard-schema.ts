// A tool's input as a Standard Schema (https://standardschema.dev), with the Standard JSON Schema
// converter, for frameworks that check a model's arguments themselves before the tool runs (the
// AI SDK does). Checking is `validateToolInput`: the nulls a strict-mode model sends for optional
// arguments are removed instead of rejected, and each issue is core's own words for a bad field.
// The JSON Schema is `toJsonSchema(definition, 'json-schema')` without the tool's description,
// which frameworks send beside the schema already.

import { type JsonSchema, toJsonSchema } from './to-json-schema.js';
import type { ToolDefinition } from './tool-definition.js';
import { validateToolInput } from './validate-tool-input.js';

/** A tool's arguments, keyed by parameter name. */
export type ToolInput = Record<string, unknown>;

/** One problem with the arguments, in Standard Schema form. */
export interface StandardIssue {
  readonly message: string;
  readonly path?: readonly (string | number)[] | undefined;
}

/** The result of the Standard Schema `validate`: the cleaned arguments or the issues. */
export type StandardResult =
  | { readonly value: ToolInput; readonly issues?: undefined }
  | { readonly issues: readonly StandardIssue[] };

/** Options of the Standard JSON Schema converter. */
export interface StandardJsonSchemaOptions {
  /** `'draft-2020-12'` or `'draft-07'`. */
  readonly target: string;
  readonly libraryOptions?: Record<string, unknown> | undefined;
}

/** Standard Schema V1 and Standard JSON Schema V1, in one object, as the spec allows. */
export interface ToolInputStandardSchema {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: 'toolgrant';
    /** For type inference only; never set. */
    readonly types?: { readonly input: ToolInput; readonly output: ToolInput } | undefined;
    readonly validate: (value: unknown) => StandardResult;
    readonly jsonSchema: {
      readonly input: (options: StandardJsonSchemaOptions) => Record<string, unknown>;
      readonly output: (options: StandardJsonSchemaOptions) => Record<string, unknown>;
    };
  };
}

const cache = new WeakMap<ToolDefinition, ToolInputStandardSchema>();

// The schema uses nothing these drafts disagree on; only `$schema` names one of them.
const targets = new Set(['draft-2020-12', 'draft-07']);

// An open object (`json` without properties) gets an explicit `additionalProperties: {}`: a
// framework that closes every object lacking an `additionalProperties` schema (the AI SDK does,
// as OpenAI asks) would otherwise tell the model that the object takes no keys at all.
function withOpenObjectsSpelledOut(schema: JsonSchema): Record<string, unknown> {
  const result: Record<string, unknown> = { ...schema };
  if (schema.properties) {
    const properties: Record<string, unknown> = {};
    for (const key in schema.properties) {
      properties[key] = withOpenObjectsSpelledOut(schema.properties[key] as JsonSchema);
    }
    result.properties = properties;
  } else if (schema.type === 'object' && schema.additionalProperties === undefined) {
    result.additionalProperties = {};
  }
  if (schema.items) result.items = withOpenObjectsSpelledOut(schema.items);
  return result;
}

function jsonSchemaOf(
  definition: ToolDefinition,
  { target }: StandardJsonSchemaOptions,
): Record<string, unknown> {
  if (!targets.has(target)) {
    throw new TypeError(
      `Unsupported JSON Schema target ${JSON.stringify(target)} for ${definition.qualified_name}; use 'draft-2020-12' or 'draft-07'.`,
    );
  }
  const { $schema, description, ...schema } = toJsonSchema(definition, 'json-schema');
  // A new object on every call: callers may change it in place (the AI SDK does).
  const converted = withOpenObjectsSpelledOut(schema);
  return target === 'draft-2020-12' ? { $schema, ...converted } : converted;
}

/**
 * A tool's input as a Standard Schema whose `validate` is `validateToolInput`. Hand it to a
 * framework that checks arguments before the tool runs (the AI SDK's `inputSchema`). Cached per
 * definition.
 */
export function toStandardSchema(definition: ToolDefinition): ToolInputStandardSchema {
  const cached = cache.get(definition);
  if (cached) return cached;
  const schema: ToolInputStandardSchema = {
    '~standard': {
      version: 1,
      vendor: 'toolgrant',
      validate(value) {
        const result = validateToolInput(definition, value);
        if (result.success) return { value: result.input };
        return {
          issues: result.issues.map(({ path, keys, message }) =>
            path === '' ? { message } : { message: `${path}: ${message}`, path: keys },
          ),
        };
      },
      jsonSchema: {
        input: (options) => jsonSchemaOf(definition, options),
        output: (options) => jsonSchemaOf(definition, options),
      },
    },
  };
  cache.set(definition, schema);
  return schema;
}

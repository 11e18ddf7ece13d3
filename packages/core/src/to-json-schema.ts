// A tool's input as JSON Schema, in the shapes Arcade's `/v1/formatted_tools` serves:
// - 'json-schema': a plain draft 2020-12 object schema that accepts exactly what `toZodSchema`
//   accepts (closed objects, safe-integer bounds included);
// - 'openai': a function tool for strict mode: every key is listed in `required`, optional ones
//   also accept null (`validateToolInput` removes those nulls again), every object is closed;
// - 'anthropic': `{ name, description, input_schema }`, optional keys simply left out of
//   `required`.
// A `json` value without properties is an open object, which OpenAI's strict mode cannot
// express. Rather than pretend, such a tool gets `strict: false` (the rest of its schema keeps the
// strict shape) and the open object stays `{ type: 'object' }`.

import type { PropertySchema, ToolDefinition, ValueSchema } from './tool-definition.js';
import { toToolName } from './tool-name.js';
import {
  itemPropertiesOf,
  itemSchemaOf,
  objectPropertiesOf,
  parameterDescriptionOf,
} from './value-schema-properties.js';

/** The formats of `toJsonSchema`: plain JSON Schema, an OpenAI function tool, an Anthropic tool. */
export type ToolSchemaFormat = 'json-schema' | 'openai' | 'anthropic';

/** A JSON Schema `type` that `toJsonSchema` emits. */
export type JsonSchemaType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

/** The subset of JSON Schema that `toJsonSchema` emits. */
export interface JsonSchema {
  type: JsonSchemaType | [JsonSchemaType, 'null'];
  description?: string;
  enum?: (string | null)[];
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: false;
}

/** A closed JSON Schema object: the parameters of a tool. */
export interface JsonObjectSchema extends JsonSchema {
  type: 'object';
  properties: Record<string, JsonSchema>;
  required: string[];
  additionalProperties: false;
}

/** A tool's input as a draft 2020-12 JSON Schema. */
export interface ToolJsonSchema extends JsonObjectSchema {
  $schema: 'https://json-schema.org/draft/2020-12/schema';
}

/** A tool in OpenAI's function-tool format, strict where the input allows it. */
export interface OpenAIFunctionTool {
  type: 'function';
  function: {
    /** `Gmail_ListEmails`: see `toToolName`. */
    name: string;
    description: string;
    parameters: JsonObjectSchema;
    /** False only when the input holds an open object, which strict mode cannot express. */
    strict: boolean;
  };
}

/** A tool in Anthropic's tool format. */
export interface AnthropicTool {
  name: string;
  description: string;
  input_schema: JsonObjectSchema;
}

interface Conversion {
  /** OpenAI strict shape: all keys required, optional ones nullable. */
  nullableOptional: boolean;
  /** State the bounds `z.int()` enforces; the model-facing formats leave them out. */
  safeIntegerBounds: boolean;
  /** Set when an open object was met. */
  hasOpenObject: boolean;
}

function withNull(schema: JsonSchema): JsonSchema {
  const type = schema.type;
  const nullable: JsonSchema = { ...schema, type: [type as JsonSchemaType, 'null'] };
  if (schema.enum) nullable.enum = [...schema.enum, null];
  return nullable;
}

function field(
  schema: ValueSchema,
  required: boolean,
  description: string | null | undefined,
  conversion: Conversion,
): JsonSchema {
  let converted = toJsonValue(schema, conversion);
  if (description) {
    const { type, ...rest } = converted;
    converted = { type, description, ...rest };
  }
  return !required && conversion.nullableOptional ? withNull(converted) : converted;
}

function objectOf(
  properties: Record<string, PropertySchema>,
  conversion: Conversion,
): JsonObjectSchema {
  const converted: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const key in properties) {
    const property = properties[key] as PropertySchema;
    const isRequired = property.required === true;
    converted[key] = field(property, isRequired, property.description, conversion);
    if (isRequired || conversion.nullableOptional) required.push(key);
  }
  return { type: 'object', properties: converted, required, additionalProperties: false };
}

function toJsonValue(schema: ValueSchema, conversion: Conversion): JsonSchema {
  switch (schema.val_type) {
    case 'string':
      return schema.enum ? { type: 'string', enum: [...schema.enum] } : { type: 'string' };
    case 'integer':
      return conversion.safeIntegerBounds
        ? { type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }
        : { type: 'integer' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'json': {
      const properties = objectPropertiesOf(schema);
      if (properties) return objectOf(properties, conversion);
      conversion.hasOpenObject = true;
      return { type: 'object' };
    }
    case 'array': {
      const itemProperties = itemPropertiesOf(schema);
      return {
        type: 'array',
        items: itemProperties
          ? objectOf(itemProperties, conversion)
          : toJsonValue(itemSchemaOf(schema), conversion),
      };
    }
    default:
      throw new TypeError(
        `Unknown val_type ${JSON.stringify((schema as { val_type: unknown }).val_type)}; check the definition with parseToolDefinition first.`,
      );
  }
}

function parametersOf(definition: ToolDefinition, conversion: Conversion): JsonObjectSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const parameter of definition.input.parameters) {
    properties[parameter.name] = field(
      parameter.value_schema,
      parameter.required,
      parameterDescriptionOf(parameter),
      conversion,
    );
    if (parameter.required || conversion.nullableOptional) required.push(parameter.name);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

/** A tool's input as JSON Schema, as a plain schema or as an OpenAI or Anthropic tool. */
export function toJsonSchema(definition: ToolDefinition, format: 'json-schema'): ToolJsonSchema;
/** A tool as an OpenAI function tool (`Gmail_ListEmails`, strict mode). */
export function toJsonSchema(definition: ToolDefinition, format: 'openai'): OpenAIFunctionTool;
/** A tool as an Anthropic tool (`{ name, description, input_schema }`). */
export function toJsonSchema(definition: ToolDefinition, format: 'anthropic'): AnthropicTool;
/** A tool's input as JSON Schema, as a plain schema or as an OpenAI or Anthropic tool. */
export function toJsonSchema(
  definition: ToolDefinition,
  format: ToolSchemaFormat,
): ToolJsonSchema | OpenAIFunctionTool | AnthropicTool;
/** A tool's input as JSON Schema, in the given format (`json-schema`, `openai` or `anthropic`). */
export function toJsonSchema(
  definition: ToolDefinition,
  format: ToolSchemaFormat,
): ToolJsonSchema | OpenAIFunctionTool | AnthropicTool {
  const description = definition.description ?? '';
  switch (format) {
    case 'json-schema': {
      const conversion = { nullableOptional: false, safeIntegerBounds: true, hasOpenObject: false };
      const { type, ...rest } = parametersOf(definition, conversion);
      return {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type,
        ...(description ? { description } : {}),
        ...rest,
      };
    }
    case 'openai': {
      const conversion = { nullableOptional: true, safeIntegerBounds: false, hasOpenObject: false };
      const parameters = parametersOf(definition, conversion);
      return {
        type: 'function',
        function: {
          name: toToolName(definition.qualified_name),
          description,
          parameters,
          strict: !conversion.hasOpenObject,
        },
      };
    }
    case 'anthropic': {
      const conversion = {
        nullableOptional: false,
        safeIntegerBounds: false,
        hasOpenObject: false,
      };
      return {
        name: toToolName(definition.qualified_name),
        description,
        input_schema: parametersOf(definition, conversion),
      };
    }
    default:
      throw new TypeError(
        `Unknown format ${JSON.stringify(format)}; use 'json-schema', 'openai' or 'anthropic'.`,
      );
  }
}

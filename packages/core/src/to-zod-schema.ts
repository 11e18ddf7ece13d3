// The Zod schema of a tool's input: what `validateToolInput` checks and what adapters hand to
// their framework. It accepts exactly what `toJsonSchema(definition, 'json-schema')` accepts:
// objects are strict (an unknown key is an error the model gets to see), `json` without
// properties is any JSON object, integers are safe integers.

import type { ToolDefinition, ValueSchema } from './tool-definition.js';
import {
  itemPropertiesOf,
  itemSchemaOf,
  objectPropertiesOf,
  parameterDescriptionOf,
} from './value-schema-properties.js';
import { z } from './zod.js';

/** A tool's input as a strict Zod object. */
export type ToolInputSchema = z.ZodObject<Record<string, z.ZodType>, z.core.$strict>;

const cache = new WeakMap<ToolDefinition, ToolInputSchema>();

function field(schema: z.ZodType, required: boolean, description: string | null | undefined) {
  const optional = required ? schema : schema.optional();
  // What `.describe()` does, minus its copy of the schema: this one is new and ours alone.
  if (description) z.globalRegistry.add(optional, { description });
  return optional;
}

function objectOf(properties: NonNullable<ValueSchema['properties']>): ToolInputSchema {
  const shape: Record<string, z.ZodType> = {};
  for (const key in properties) {
    const property = properties[key] as NonNullable<(typeof properties)[string]>;
    shape[key] = field(toZodValue(property), property.required === true, property.description);
  }
  return z.strictObject(shape);
}

function toZodValue(schema: ValueSchema): z.ZodType {
  switch (schema.val_type) {
    case 'string':
      return schema.enum ? z.enum(schema.enum as [string, ...string[]]) : z.string();
    case 'integer':
      return z.int();
    case 'number':
      return z.number();
    case 'boolean':
      return z.boolean();
    case 'json': {
      const properties = objectPropertiesOf(schema);
      return properties ? objectOf(properties) : z.record(z.string(), z.unknown());
    }
    case 'array': {
      const itemProperties = itemPropertiesOf(schema);
      return z.array(itemProperties ? objectOf(itemProperties) : toZodValue(itemSchemaOf(schema)));
    }
    default:
      // parseToolDefinition rejects other types; a definition built by hand may still have one.
      throw new TypeError(
        `Unknown val_type ${JSON.stringify((schema as { val_type: unknown }).val_type)}; check the definition with parseToolDefinition first.`,
      );
  }
}

/**
 * The Zod object schema of a tool's input. Cached per definition object: adapters call this
 * for every tool on every load.
 */
export function toZodSchema(definition: ToolDefinition): ToolInputSchema {
  const cached = cache.get(definition);
  if (cached) return cached;
  const shape: Record<string, z.ZodType> = {};
  for (const parameter of definition.input.parameters) {
    shape[parameter.name] = field(
      toZodValue(parameter.value_schema),
      parameter.required,
      parameterDescriptionOf(parameter),
    );
  }
  const schema = z.strictObject(shape);
  cache.set(definition, schema);
  return schema;
}

// Shared by the Zod and JSON Schema conversions so they read a definition the same way.
import type { PropertySchema, ToolParameter, ValueSchema } from './tool-definition.js';

/** The keys of a `json` object, or undefined for an open object (absent, null or `{}`). */
export function objectPropertiesOf(
  schema: ValueSchema,
): Record<string, PropertySchema> | undefined {
  return nonEmpty(schema.properties);
}

/** The keys of the objects inside an array of `json`, or undefined when they are open objects. */
export function itemPropertiesOf(schema: ValueSchema): Record<string, PropertySchema> | undefined {
  return schema.inner_val_type === 'json' ? nonEmpty(schema.inner_properties) : undefined;
}

/** The item schema of an array: its inner type, with the array's enum applying to the items. */
export function itemSchemaOf(schema: ValueSchema): ValueSchema {
  return {
    val_type: schema.inner_val_type ?? 'json',
    enum: schema.enum ?? null,
    properties: schema.inner_properties ?? null,
  };
}

/** A parameter's description, from the parameter or else its value schema; undefined when empty. */
export function parameterDescriptionOf(parameter: ToolParameter): string | undefined {
  return parameter.description || parameter.value_schema.description || undefined;
}

function nonEmpty(
  properties: Record<string, PropertySchema> | null | undefined,
): Record<string, PropertySchema> | undefined {
  if (properties === undefined || properties === null) return undefined;
  for (const _ in properties) return properties;
  return undefined;
}

import type { JsonSchemaDefinition } from '@openai/agents';
import { type ToolDefinition, toJsonSchema } from '@toolgrant/core';

// A tool's parameters for the SDK's `tool()`: core's OpenAI function schema, in strict mode
// wherever the input allows it (every key listed, optional ones nullable; core removes those
// nulls again). A `json` value without properties is an open object, which strict mode cannot
// express: such a tool goes without strict mode, keeping core's schema. The SDK types a
// non-strict schema as open at its root, but takes any object schema as it is (JSON-parsed
// arguments, no check of its own), so core's closed root is kept and core does the checking.

// The SDK's object schemas for strict and non-strict tools; it exports them only as this union.
type SdkObjectSchema = JsonSchemaDefinition['schema'];
type StrictSchema = Extract<SdkObjectSchema, { additionalProperties: false }>;
type NonStrictSchema = Extract<SdkObjectSchema, { additionalProperties: true }>;

/** A tool's parameters for the SDK's `tool()`, strict where possible. */
export type ToolParameters =
  | { strict: true; schema: StrictSchema }
  | { strict: false; schema: NonStrictSchema };

/** Core's OpenAI function schema of a definition, with whether strict mode can take it. */
export function toToolParameters(definition: ToolDefinition): ToolParameters {
  const { parameters, strict } = toJsonSchema(definition, 'openai').function;
  return strict
    ? { strict: true, schema: parameters }
    : {
        strict: false,
        schema: parameters as unknown as NonStrictSchema,
      };
}

import type { PropertySchema, ValueSchema } from '@toolgrant/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { defineTool } from './define-tool.js';
import { toToolDefinition } from './to-tool-definition.js';

// An independent check of the derivation: Zod's own JSON Schema of the same input must agree
// with the derived definition on types, enums, required keys and descriptions.

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  additionalProperties?: unknown;
}

const valTypeOf: Record<string, ValueSchema['val_type']> = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
  object: 'json',
  array: 'array',
};

/** The non-null JSON Schema type of a property (`anyOf [X, null]` and `type: [X, 'null']`). */
function nonNull(schema: JsonSchema): JsonSchema {
  if (schema.anyOf) {
    const rest = schema.anyOf.filter((option) => option.type !== 'null');
    if (rest.length === 1) return { ...rest[0], description: schema.description };
  }
  if (Array.isArray(schema.type)) {
    return { ...schema, type: schema.type.filter((type) => type !== 'null')[0] };
  }
  return schema;
}

function expectAgreement(json: JsonSchema, value: ValueSchema, path: string): void {
  const schema = nonNull(json);
  const type = schema.type as string;
  expect(value.val_type, path).toBe(valTypeOf[type]);
  const choices = schema.enum ?? (schema.const === undefined ? undefined : [schema.const]);
  if (type === 'string') expect(value.enum ?? undefined, path).toEqual(choices);
  if (type === 'object' && schema.properties) {
    expectProperties(schema, value.properties ?? {}, path);
  }
  if (type === 'array' && schema.items) {
    const items = nonNull(schema.items);
    expect(value.inner_val_type, `${path}[]`).toBe(valTypeOf[items.type as string]);
    if (items.type === 'string') expect(value.enum ?? undefined, `${path}[]`).toEqual(items.enum);
    if (items.type === 'object' && items.properties) {
      expectProperties(items, value.inner_properties ?? {}, `${path}[]`);
    }
  }
}

function expectProperties(
  schema: JsonSchema,
  properties: Record<string, PropertySchema>,
  path: string,
): void {
  expect(Object.keys(properties), path).toEqual(Object.keys(schema.properties ?? {}));
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const derived = properties[key]!;
    const nullable = nonNull(property) !== property;
    expect(derived.required, `${path}.${key} required`).toBe(
      (schema.required ?? []).includes(key) && !nullable,
    );
    expect(derived.description ?? undefined, `${path}.${key} description`).toBe(
      property.description,
    );
    expectAgreement(property, derived, `${path}.${key}`);
  }
}

describe('the derived definition agrees with Zod’s own JSON Schema', () => {
  const input = z.object({
    query: z.string().describe('Search text'),
    page: z.int().min(1).default(1).describe('Page number'),
    ratio: z.number().nullable(),
    archived: z.boolean().optional(),
    label: z.enum(['INBOX', 'SENT']).describe('Mailbox'),
    only: z.literal('unread'),
    tags: z.array(z.enum(['red', 'green'])).describe('Colour tags'),
    ids: z.array(z.int()),
    owner: z
      .object({
        email: z.email().describe('Owner address'),
        name: z.string().optional(),
        address: z.object({ city: z.string(), zip: z.string().nullable() }),
      })
      .describe('Who owns it'),
    rows: z.array(z.object({ cell: z.number(), note: z.string().optional().describe('Note') })),
    extra: z.record(z.string(), z.unknown()).optional(),
  });
  const tool = defineTool({ name: 'Rich', description: 'd', input, execute: () => null });

  it('for every parameter, nested property and array item', () => {
    const json = z.toJSONSchema(input, { io: 'input' }) as JsonSchema;
    const definition = toToolDefinition({
      tool,
      toolkit: { name: 'Kit', version: '1.0.0', description: undefined },
    });
    // Parameters are the object's properties; a default makes one optional on input.
    const parameters = Object.fromEntries(
      definition.input.parameters.map((parameter) => [
        parameter.name,
        {
          ...parameter.value_schema,
          required: parameter.required,
          description: parameter.description,
        },
      ]),
    );
    expectProperties(json, parameters, '(input)');
  });
});

import { validateToolInput } from '@mastra/core/tools';
import { parseToolDefinition, toStandardSchema } from '@toolgrant/core';
import { describe, expect, it } from 'vitest';
import { toMastraInputSchema } from './to-mastra-input-schema.js';

const order = parseToolDefinition({
  name: 'PlaceOrder',
  qualified_name: 'Shop.PlaceOrder',
  fully_qualified_name: 'Shop.PlaceOrder@1.0.0',
  description: 'Places an order.',
  toolkit: { name: 'Shop', version: '1.0.0', description: null },
  input: {
    parameters: [
      {
        name: 'item',
        required: true,
        description: 'What to order',
        value_schema: { val_type: 'string' },
      },
      {
        name: 'size',
        required: false,
        description: 'The size',
        value_schema: { val_type: 'string', enum: ['S', 'M', 'L'] },
      },
      {
        name: 'delivery',
        required: false,
        value_schema: {
          val_type: 'json',
          properties: {
            street: { val_type: 'string', required: true },
            floor: { val_type: 'integer', required: false },
          },
        },
      },
    ],
  },
  output: { value_schema: { val_type: 'json' } },
  requirements: null,
});

describe('toMastraInputSchema', () => {
  it('removes the nulls a strict-mode model sends for optional arguments, also nested ones', () => {
    const result = toMastraInputSchema(order)['~standard'].validate({
      item: 'tea',
      size: null,
      delivery: { street: 'Main St', floor: null },
    });
    expect(result).toEqual({ value: { item: 'tea', delivery: { street: 'Main St' } } });
  });

  it("gives core's message for each bad field, its place as the path and not again in the message", () => {
    const result = toMastraInputSchema(order)['~standard'].validate({
      item: 42,
      size: 'XL',
      delivery: { floor: 2 },
      colour: 'red',
    });
    expect(result).toEqual({
      issues: [
        { message: 'expected a string, received 42', path: ['item'] },
        { message: 'expected one of "S", "M", "L", received "XL"', path: ['size'] },
        { message: 'missing (expected a string)', path: ['delivery', 'street'] },
        {
          message: 'unknown argument (this tool takes item, size, delivery)',
          path: ['colour'],
        },
      ],
    });
  });

  it('reports arguments that are not an object without a path', () => {
    expect(toMastraInputSchema(order)['~standard'].validate('tea')).toEqual({
      issues: [{ message: 'expected an object of named arguments, received "tea"' }],
    });
  });

  it("reads in Mastra's own check as one line per bad field", () => {
    const { error } = validateToolInput(
      toMastraInputSchema(order),
      { item: 42, size: null },
      'Shop_PlaceOrder',
    );
    expect(error?.message).toContain('\n- item: expected a string, received 42\n');
    expect(error?.message).not.toMatch(/- size:/);
  });

  it("offers core's JSON Schema: descriptions, enums, required keys", () => {
    const mastraSchema = toMastraInputSchema(order)['~standard'].jsonSchema;
    const coreSchema = toStandardSchema(order)['~standard'].jsonSchema;
    for (const target of ['draft-07', 'draft-2020-12']) {
      expect(mastraSchema.input({ target })).toEqual(coreSchema.input({ target }));
    }
    expect(mastraSchema.input({ target: 'draft-07' })).toMatchObject({
      type: 'object',
      required: ['item'],
      properties: {
        item: { type: 'string', description: 'What to order' },
        size: { type: 'string', enum: ['S', 'M', 'L'], description: 'The size' },
      },
    });
  });
});

import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { measure, sendEmail, storeDocument } from '../test/hand-written-definitions.js';
import { loadArcadeCatalog } from '../test/load-arcade-catalog.js';
import { parseToolDefinition } from './parse-tool-definition.js';
import { toJsonSchema } from './to-json-schema.js';

const safe = { minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER };

describe("toJsonSchema(definition, 'json-schema')", () => {
  it('is a closed draft 2020-12 object schema with descriptions and enums', () => {
    expect(toJsonSchema(measure, 'json-schema')).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      description: 'Measure (hand-written)',
      properties: {
        count: { type: 'integer', description: 'A whole number', ...safe },
        ratio: { type: 'number', description: 'Any number' },
        weights: { type: 'array', items: { type: 'number' } },
        ids: { type: 'array', items: { type: 'integer', ...safe } },
        flags: { type: 'array', items: { type: 'boolean' } },
        dry_run: { type: 'boolean' },
        unit: { type: 'string', enum: ['cm', 'in'] },
      },
      required: ['count', 'ratio'],
      additionalProperties: false,
    });
  });

  it('nests objects with their own required keys, and leaves json without properties open', () => {
    const schema = toJsonSchema(sendEmail, 'json-schema');
    expect(schema.properties.recipients).toEqual({
      type: 'array',
      description: 'Who receives it',
      items: {
        type: 'object',
        properties: {
          address: { type: 'string', description: 'Email address' },
          kind: { type: 'string', enum: ['to', 'cc', 'bcc'] },
          priority: { type: 'integer', ...safe },
        },
        required: ['address'],
        additionalProperties: false,
      },
    });
    expect(schema.properties.schedule?.required).toEqual(['at']);
    expect(schema.properties.schedule?.properties?.window?.required).toEqual(['minutes']);
    expect(schema.properties.labels).toEqual({
      type: 'array',
      description: 'Labels to apply',
      items: { type: 'string', enum: ['INBOX', 'SENT', 'IMPORTANT'] },
    });
    expect(schema.properties.headers).toEqual({ type: 'object', description: 'Extra headers' });
  });

  it('is valid draft 2020-12 for every catalog definition', () => {
    const ajv = new Ajv2020({ strict: true });
    for (const item of loadArcadeCatalog()) {
      const schema = toJsonSchema(parseToolDefinition(item), 'json-schema');
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    }
  });
});

describe("toJsonSchema(definition, 'openai')", () => {
  it('lists every key as required, types optional ones with null, closes every object', () => {
    const tool = toJsonSchema(sendEmail, 'openai');
    expect(tool.type).toBe('function');
    expect(tool.function.name).toBe('Handmade_SendEmail');
    expect(tool.function.description).toBe('SendEmail (hand-written)');
    const { parameters } = tool.function;
    expect(parameters.required).toEqual(['subject', 'recipients', 'labels', 'schedule', 'headers']);
    expect(parameters.additionalProperties).toBe(false);
    expect(parameters.properties.subject).toEqual({ type: 'string', description: 'Subject line' });
    expect(parameters.properties.labels).toEqual({
      type: ['array', 'null'],
      description: 'Labels to apply',
      items: { type: 'string', enum: ['INBOX', 'SENT', 'IMPORTANT'] },
    });
    expect(parameters.properties.recipients?.items).toEqual({
      type: 'object',
      properties: {
        address: { type: 'string', description: 'Email address' },
        kind: { type: ['string', 'null'], enum: ['to', 'cc', 'bcc', null] },
        priority: { type: ['integer', 'null'] },
      },
      required: ['address', 'kind', 'priority'],
      additionalProperties: false,
    });
    const schedule = parameters.properties.schedule;
    expect(schedule?.type).toEqual(['object', 'null']);
    expect(schedule?.required).toEqual(['at', 'timezone', 'window']);
    expect(schedule?.properties?.window?.additionalProperties).toBe(false);
  });

  it('is strict unless an open object makes strict mode impossible', () => {
    expect(toJsonSchema(measure, 'openai').function.strict).toBe(true);
    // `headers` is json without properties: strict mode forbids open objects.
    expect(toJsonSchema(sendEmail, 'openai').function.strict).toBe(false);
    expect(toJsonSchema(storeDocument, 'openai').function.parameters.properties.document).toEqual({
      type: 'object',
      description: 'Any JSON object',
    });
  });

  it('matches the Arcade formatted shape for a catalog tool', () => {
    const items = loadArcadeCatalog().map((item) => parseToolDefinition(item));
    const definition = items.find(
      ({ qualified_name }) => qualified_name === 'Gmail.ListEmailsByHeader',
    );
    if (!definition) throw new Error('Gmail.ListEmailsByHeader is missing from the catalog');
    const tool = toJsonSchema(definition, 'openai');
    expect(tool.function.name).toBe('Gmail_ListEmailsByHeader');
    expect(tool.function.strict).toBe(true);
    expect(tool.function.parameters.properties.date_range).toEqual({
      type: ['string', 'null'],
      description: 'The date range of the email',
      enum: [
        'today',
        'yesterday',
        'last_7_days',
        'last_30_days',
        'this_month',
        'last_month',
        'this_year',
        null,
      ],
    });
    for (const item of items) expect(toJsonSchema(item, 'openai').function.strict).toBe(true);
  });
});

describe("toJsonSchema(definition, 'anthropic')", () => {
  it('is { name, description, input_schema } with only required keys required', () => {
    const tool = toJsonSchema(measure, 'anthropic');
    expect(tool.name).toBe('Handmade_Measure');
    expect(tool.description).toBe('Measure (hand-written)');
    expect(tool.input_schema.required).toEqual(['count', 'ratio']);
    expect(tool.input_schema.properties.count).toEqual({
      type: 'integer',
      description: 'A whole number',
    });
    expect(tool.input_schema.properties.unit).toEqual({ type: 'string', enum: ['cm', 'in'] });
  });
});

describe('toJsonSchema with an unknown format', () => {
  it('throws and names the formats', () => {
    expect(() => toJsonSchema(measure, 'gemini' as 'openai')).toThrow(
      "Unknown format \"gemini\"; use 'json-schema', 'openai' or 'anthropic'.",
    );
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { apiKey, oauth2 } from './auth.js';
import { defineTool } from './define-tool.js';
import { defineToolkit } from './define-toolkit.js';
import { toToolDefinition } from './to-tool-definition.js';

const listEmails = defineTool({
  name: 'ListEmails',
  description: 'Lists the emails in a mailbox.',
  input: z.object({
    query: z.string().describe('Search text'),
    max_results: z.int().min(1).max(100).default(10).describe('How many emails'),
    min_score: z.number().optional(),
    unread_only: z.boolean().nullable(),
    label: z.enum(['INBOX', 'SENT', 'SPAM']).meta({ description: 'Mailbox' }),
    labels: z.array(z.enum(['IMPORTANT', 'STARRED'])).optional(),
    sort: z.union([z.literal('newest'), z.literal('oldest')]),
    thread_id: z.string().meta({ inferrable: false }),
    filters: z
      .object({
        from: z.email().describe('Sender address'),
        window: z.object({ days: z.int() }).optional(),
      })
      .describe('Narrow the list'),
    attachments: z
      .array(z.object({ name: z.string(), size: z.number().optional() }))
      .describe('Attachment filters'),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  output: z
    .array(z.object({ id: z.string(), subject: z.string().describe('Subject line') }))
    .describe('The emails found'),
  auth: oauth2({ provider: 'google', scopes: ['gmail.readonly'] }),
  secrets: ['AUDIT_KEY'],
  metadata: { readOnly: true, idempotent: true, operations: ['read'], extras: { team: 'mail' } },
  execute: () => [],
});

const toolkit = defineToolkit({
  name: 'Gmail',
  version: '4.1.0',
  description: 'Gmail tools.',
  tools: [listEmails],
});

describe('toToolDefinition', () => {
  it('derives the Arcade definition from the Zod schemas and declarations', () => {
    expect(toToolDefinition({ tool: listEmails, toolkit })).toEqual({
      name: 'ListEmails',
      qualified_name: 'Gmail.ListEmails',
      fully_qualified_name: 'Gmail.ListEmails@4.1.0',
      description: 'Lists the emails in a mailbox.',
      toolkit: { name: 'Gmail', version: '4.1.0', description: 'Gmail tools.' },
      input: {
        parameters: [
          {
            name: 'query',
            required: true,
            description: 'Search text',
            inferrable: true,
            value_schema: { val_type: 'string' },
          },
          {
            name: 'max_results',
            required: false,
            description: 'How many emails',
            inferrable: true,
            value_schema: { val_type: 'integer' },
          },
          {
            name: 'min_score',
            required: false,
            description: null,
            inferrable: true,
            value_schema: { val_type: 'number' },
          },
          {
            name: 'unread_only',
            required: false,
            description: null,
            inferrable: true,
            value_schema: { val_type: 'boolean' },
          },
          {
            name: 'label',
            required: true,
            description: 'Mailbox',
            inferrable: true,
            value_schema: { val_type: 'string', enum: ['INBOX', 'SENT', 'SPAM'] },
          },
          {
            name: 'labels',
            required: false,
            description: null,
            inferrable: true,
            value_schema: {
              val_type: 'array',
              inner_val_type: 'string',
              enum: ['IMPORTANT', 'STARRED'],
            },
          },
          {
            name: 'sort',
            required: true,
            description: null,
            inferrable: true,
            value_schema: { val_type: 'string', enum: ['newest', 'oldest'] },
          },
          {
            name: 'thread_id',
            required: true,
            description: null,
            inferrable: false,
            value_schema: { val_type: 'string' },
          },
          {
            name: 'filters',
            required: true,
            description: 'Narrow the list',
            inferrable: true,
            value_schema: {
              val_type: 'json',
              properties: {
                from: {
                  val_type: 'string',
                  required: true,
                  description: 'Sender address',
                },
                window: {
                  val_type: 'json',
                  required: false,
                  description: null,
                  properties: {
                    days: { val_type: 'integer', required: true, description: null },
                  },
                },
              },
            },
          },
          {
            name: 'attachments',
            required: true,
            description: 'Attachment filters',
            inferrable: true,
            value_schema: {
              val_type: 'array',
              inner_val_type: 'json',
              inner_properties: {
                name: { val_type: 'string', required: true, description: null },
                size: { val_type: 'number', required: false, description: null },
              },
            },
          },
          {
            name: 'headers',
            required: false,
            description: null,
            inferrable: true,
            value_schema: { val_type: 'json' },
          },
        ],
      },
      output: {
        available_modes: ['value', 'error'],
        description: 'The emails found',
        value_schema: {
          val_type: 'array',
          inner_val_type: 'json',
          inner_properties: {
            id: { val_type: 'string', required: true, description: null },
            subject: { val_type: 'string', required: true, description: 'Subject line' },
          },
        },
      },
      requirements: {
        authorization: {
          provider_id: 'google',
          provider_type: 'oauth2',
          oauth2: { scopes: ['gmail.readonly'] },
        },
        secrets: [{ key: 'AUDIT_KEY' }],
      },
      metadata: {
        behavior: { read_only: true, idempotent: true, operations: ['read'] },
        extras: { team: 'mail' },
      },
    });
  });

  it('describes a tool with no output schema, an api_key requirement and no metadata', () => {
    const weather = defineTool({
      name: 'Forecast',
      description: 'Forecast for a city.',
      input: z.object({ city: z.string() }),
      auth: apiKey({ provider: 'openweather' }),
      execute: () => 'sunny',
    });
    const definition = toToolDefinition({
      tool: weather,
      toolkit: { name: 'Weather', version: '0.1.0', description: undefined },
    });
    expect(definition.output).toEqual({
      available_modes: ['value', 'error'],
      description: null,
      value_schema: null,
    });
    expect(definition.requirements).toEqual({
      authorization: { provider_id: 'openweather', provider_type: 'api_key' },
      secrets: [],
    });
    expect(definition.metadata).toBeNull();
    expect(definition.toolkit).toEqual({ name: 'Weather', version: '0.1.0', description: null });
  });

  it('keeps the description set outside a wrapper and the one set inside it', () => {
    const tool = defineTool({
      name: 'Describe',
      description: 'd',
      input: z.object({
        outer: z.string().optional().describe('outside'),
        inner: z.string().describe('inside').optional(),
      }),
      execute: () => null,
    });
    const parameters = toToolDefinition({ tool, toolkit }).input.parameters;
    expect(parameters.map((parameter) => parameter.description)).toEqual(['outside', 'inside']);
  });
});

describe('unsupported Zod constructs', () => {
  const define = (input: z.ZodObject) =>
    defineTool({ name: 'Bad', description: 'd', input, execute: () => null });

  it.each([
    [
      'a union',
      z.object({ id: z.union([z.string(), z.number()]) }),
      "Tool 'Bad', field 'id': it is a union, which a tool definition cannot describe to the model. Use z.enum([...]) for a choice of strings",
    ],
    [
      'a tuple inside an object',
      z.object({ point: z.object({ xy: z.tuple([z.number(), z.number()]) }) }),
      "Tool 'Bad', field 'point.xy': it is a tuple",
    ],
    [
      'a transform',
      z.object({ count: z.string().transform(Number) }),
      "Tool 'Bad', field 'count': it uses a transform (.transform(), z.preprocess(), z.codec() or z.stringbool())",
    ],
    [
      'z.stringbool()',
      z.object({ flag: z.stringbool() }),
      "Tool 'Bad', field 'flag': it uses a transform",
    ],
    [
      'a record with number keys',
      z.object({ scores: z.record(z.number(), z.string()) }),
      "Tool 'Bad', field 'scores': it is a record with number keys, which a tool definition cannot describe to the model. JSON object keys are strings",
    ],
    [
      'an array of arrays',
      z.object({ grid: z.array(z.array(z.number())) }),
      "Tool 'Bad', field 'grid[]': it is an array of arrays",
    ],
    [
      'an array of unions',
      z.object({ items: z.array(z.object({ v: z.union([z.string(), z.boolean()]) })) }),
      "Tool 'Bad', field 'items[].v': it is a union",
    ],
    [
      'a number enum',
      z.object({ level: z.literal([1, 2, 3]) }),
      "Tool 'Bad', field 'level': it is a choice of non-string values (1, 2, 3)",
    ],
    ['z.any()', z.object({ data: z.any() }), "Tool 'Bad', field 'data': it is z.any()"],
    ['z.bigint()', z.object({ n: z.bigint() }), "Tool 'Bad', field 'n': it is a z.bigint()"],
    [
      'an intersection',
      z.object({ both: z.intersection(z.object({ a: z.string() }), z.object({ b: z.string() })) }),
      "Tool 'Bad', field 'both': it is an intersection",
    ],
    [
      'z.lazy()',
      z.object({ tree: z.lazy(() => z.string()) }),
      "Tool 'Bad', field 'tree': it is a recursive z.lazy() schema",
    ],
  ])('refuses %s, naming the field and what to use instead', (_label, input, message) => {
    expect(() => define(input)).toThrowError(message);
  });

  it('accepts a nullable union with null, and pipes without transforms', () => {
    const tool = define(
      z.object({
        maybe: z.union([z.string(), z.null()]),
        piped: z.string().pipe(z.email()),
      }),
    );
    expect(toToolDefinition({ tool, toolkit }).input.parameters).toEqual([
      {
        name: 'maybe',
        required: false,
        description: null,
        inferrable: true,
        value_schema: { val_type: 'string' },
      },
      {
        name: 'piped',
        required: true,
        description: null,
        inferrable: true,
        value_schema: { val_type: 'string' },
      },
    ]);
  });
});

import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod/v4';
import { defineTool, type Tool } from './define-tool.js';
import { defineToolkit } from './define-toolkit.js';

describe('defineTool types', () => {
  it('types execute input from the Zod input schema, defaults applied', () => {
    defineTool({
      name: 'Search',
      description: 'd',
      input: z.object({
        query: z.string(),
        limit: z.int().default(10),
        label: z.enum(['INBOX', 'SENT']).optional(),
      }),
      execute(input) {
        expectTypeOf(input).toEqualTypeOf<{
          query: string;
          limit: number;
          label?: 'INBOX' | 'SENT' | undefined;
        }>();
        return null;
      },
    });
  });

  it('lets getSecret read only the declared keys', () => {
    defineTool({
      name: 'Weather',
      description: 'd',
      input: z.object({}),
      secrets: ['WEATHER_API_KEY'],
      execute(_input, context) {
        expectTypeOf(context.getSecret).parameter(0).toEqualTypeOf<'WEATHER_API_KEY'>();
        // @ts-expect-error -- not declared
        context.getSecret('OTHER_KEY');
        return context.getSecret('WEATHER_API_KEY');
      },
    });
    defineTool({
      name: 'NoSecrets',
      description: 'd',
      input: z.object({}),
      execute(_input, context) {
        expectTypeOf(context.getSecret).parameter(0).toEqualTypeOf<never>();
        return null;
      },
    });
  });

  it('checks execute’s return value against the output schema', () => {
    defineTool({
      name: 'Count',
      description: 'd',
      input: z.object({}),
      output: z.object({ count: z.int() }),
      execute: async () => ({ count: 3 }),
    });
    defineTool({
      name: 'Count',
      description: 'd',
      input: z.object({}),
      output: z.object({ count: z.int() }),
      // @ts-expect-error -- count must be a number
      execute: async () => ({ count: 'three' }),
    });
  });

  it('gives tools that fit a toolkit', () => {
    const search = defineTool({
      name: 'Search',
      description: 'd',
      input: z.object({ query: z.string() }),
      secrets: ['KEY'],
      execute: ({ query }) => query,
    });
    expectTypeOf(search).toExtend<Tool>();
    const toolkit = defineToolkit({ name: 'Kit', version: '1.0.0', tools: [search] });
    expectTypeOf(toolkit.tools[0]).toEqualTypeOf(search);
  });
});

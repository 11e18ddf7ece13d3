import { describe, expectTypeOf, it } from 'vitest';
import { measure } from '../test/hand-written-definitions.js';
import {
  type AnthropicTool,
  type OpenAIFunctionTool,
  type ToolJsonSchema,
  type ToolSchemaFormat,
  toJsonSchema,
} from './to-json-schema.js';

describe('toJsonSchema', () => {
  it('returns the shape of the format asked for', () => {
    expectTypeOf(toJsonSchema(measure, 'json-schema')).toEqualTypeOf<ToolJsonSchema>();
    expectTypeOf(toJsonSchema(measure, 'openai')).toEqualTypeOf<OpenAIFunctionTool>();
    expectTypeOf(toJsonSchema(measure, 'anthropic')).toEqualTypeOf<AnthropicTool>();
    const format = 'openai' as ToolSchemaFormat;
    expectTypeOf(toJsonSchema(measure, format)).toEqualTypeOf<
      ToolJsonSchema | OpenAIFunctionTool | AnthropicTool
    >();
  });

  it('refuses a format it does not know', () => {
    // @ts-expect-error 'gemini' is not a format
    toJsonSchema(measure, 'gemini');
  });
});

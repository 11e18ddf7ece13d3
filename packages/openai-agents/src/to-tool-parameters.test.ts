import { tool } from '@openai/agents';
import { parseToolDefinition, toJsonSchema } from '@toolgrant/core';
import { describe, expect, it } from 'vitest';
import { toToolParameters } from './to-tool-parameters.js';

const definitionWith = (parameters: unknown[]) =>
  parseToolDefinition({
    name: 'Save',
    qualified_name: 'Notes.Save',
    fully_qualified_name: 'Notes.Save@1.0.0',
    description: 'Saves a note.',
    toolkit: { name: 'Notes', version: '1.0.0', description: null },
    input: { parameters },
    output: { value_schema: { val_type: 'json' } },
    requirements: null,
  });

const title = { name: 'title', required: true, value_schema: { val_type: 'string' } };
const tags = {
  name: 'tags',
  required: false,
  value_schema: { val_type: 'array', inner_val_type: 'string' },
};
const extra = { name: 'extra', required: false, value_schema: { val_type: 'json' } };

describe('toToolParameters', () => {
  it("gives strict mode core's OpenAI schema, and the SDK takes it as it is", () => {
    const definition = definitionWith([title, tags]);
    const parameters = toToolParameters(definition);
    expect(parameters).toEqual({
      strict: true,
      schema: toJsonSchema(definition, 'openai').function.parameters,
    });
    if (!parameters.strict) throw new Error('expected strict parameters');
    const built = tool({
      name: 'Notes_Save',
      description: 'Saves a note.',
      strict: true,
      parameters: parameters.schema,
      execute: () => 'saved',
    });
    expect(built.strict).toBe(true);
    expect(built.parameters).toEqual(parameters.schema);
    expect(built.parameters).toMatchObject({
      required: ['title', 'tags'],
      properties: { tags: { type: ['array', 'null'] } },
      additionalProperties: false,
    });
  });

  it('leaves strict mode off for an open object, which strict mode cannot express', () => {
    const definition = definitionWith([title, extra]);
    const parameters = toToolParameters(definition);
    expect(parameters.strict).toBe(false);
    expect(parameters.schema).toMatchObject({
      additionalProperties: false,
      properties: { extra: { type: ['object', 'null'] } },
    });
  });
});

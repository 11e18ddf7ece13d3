import { describe, expect, it } from 'vitest';
import { mcpSource } from './mcp-source.js';
import type { McpToolDefinition } from './mcp-tool-definition.js';
import { toMcpStandardSchema } from './to-mcp-standard-schema.js';
import { compileMcpInputValidator } from './validate-mcp-tool-input.js';

const definition: McpToolDefinition = {
  kind: 'mcp',
  source: mcpSource({ name: 'files', url: 'http://127.0.0.1/mcp' }),
  name: 'write',
  qualifiedName: 'files.write',
  toolName: 'files_write',
  description: undefined,
  inputSchema: {
    type: 'object',
    properties: {
      path: { type: 'string' },
      metadata: { type: 'object', description: 'Any keys' },
      tags: { type: 'array', items: { type: 'string' } },
      mode: { anyOf: [{ type: 'string', enum: ['a', 'w'] }, { type: 'null' }] },
    },
    required: ['path'],
  },
};
const standard = toMcpStandardSchema({
  definition,
  validator: compileMcpInputValidator(definition),
})['~standard'];

describe('toMcpStandardSchema', () => {
  it('offers the server’s schema, with open objects spelled out, as a fresh copy each time', () => {
    const offered = standard.jsonSchema.input({ target: 'draft-2020-12' });
    expect(offered).toEqual({
      ...definition.inputSchema,
      properties: {
        ...(definition.inputSchema.properties as object),
        metadata: { type: 'object', description: 'Any keys', additionalProperties: {} },
      },
    });
    expect(offered).not.toBe(standard.jsonSchema.input({ target: 'draft-2020-12' }));
    expect(definition.inputSchema.properties).toMatchObject({ metadata: { type: 'object' } });
    expect(
      (definition.inputSchema.properties as Record<string, object>).metadata,
    ).not.toHaveProperty('additionalProperties');
  });

  it('validates with core: nulls for optional keys removed unless allowed, issues per field', () => {
    expect(standard.validate({ path: 'a', tags: null, mode: null })).toEqual({
      value: { path: 'a', mode: null },
    });
    expect(standard.validate({ tags: ['x', 2] })).toEqual({
      issues: [
        { message: 'path: missing (expected a string)', path: ['path'] },
        { message: 'tags[1]: expected a string, received 2', path: ['tags', 1] },
      ],
    });
  });
});

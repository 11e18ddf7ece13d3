import { apiKey, defineTool, defineToolkit } from '@toolgrant/worker';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { createToolRegistry } from '../tools/tool-registry.js';
import { toMcpTool } from './to-mcp-tool.js';

// How a registered tool is listed over MCP: the adapters' name, core's input schema, an open
// object output schema only when the output is an object of known keys, and the metadata's
// behaviour hints as annotations.

const toolkit = defineToolkit({
  name: 'Files',
  version: '2.0.0',
  description: 'Files.',
  tools: [
    defineTool({
      name: 'Stat',
      description: 'Describes a file.',
      input: z.object({ path: z.string().describe('Where'), follow: z.boolean().optional() }),
      output: z.object({
        size: z.int(),
        owner: z.object({ name: z.string(), id: z.int().optional() }),
      }),
      metadata: { destructive: false, idempotent: true, operations: ['read'] },
      execute: () => ({ size: 1, owner: { name: 'a' } }),
    }),
    defineTool({
      name: 'Read',
      description: 'Reads a file.',
      input: z.object({}),
      output: z.string(),
      auth: apiKey({ provider: 'files' }),
      execute: () => 'text',
    }),
  ],
});
const [read, stat] = createToolRegistry({ toolkits: [toolkit] }).list();

describe('toMcpTool', () => {
  it('lists a tool under its model-facing name with core JSON Schema', () => {
    const tool = toMcpTool(stat!);
    expect(tool.name).toBe('Files_Stat');
    expect(tool.description).toBe('Describes a file.');
    expect(tool.inputSchema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { path: { type: 'string', description: 'Where' }, follow: { type: 'boolean' } },
      required: ['path'],
      additionalProperties: false,
    });
  });

  it('gives an object output an open object schema, and annotations from the behaviour', () => {
    const tool = toMcpTool(stat!);
    expect(tool.outputSchema).toMatchObject({
      type: 'object',
      properties: {
        size: { type: 'integer' },
        owner: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
      },
      required: ['size', 'owner'],
    });
    expect(JSON.stringify(tool.outputSchema)).not.toContain('additionalProperties');
    expect(tool.annotations).toEqual({ destructiveHint: false, idempotentHint: true });
  });

  it('lists no output schema for a value that is not an object, and no annotations without hints', () => {
    const tool = toMcpTool(read!);
    expect(tool.name).toBe('Files_Read');
    expect(tool.outputSchema).toBeUndefined();
    expect(tool.annotations).toBeUndefined();
  });
});

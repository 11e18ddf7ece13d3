import { ToolMessage } from '@langchain/core/messages';
import { parseToolDefinition, toZodSchema } from '@toolgrant/core';
import { describe, expect, it } from 'vitest';
import { ToolgrantStructuredTool } from './toolgrant-structured-tool.js';

const definition = parseToolDefinition({
  name: 'Search',
  qualified_name: 'Docs.Search',
  toolkit: { name: 'Docs', version: '1.0.0' },
  input: {
    parameters: [
      { name: 'query', required: true, value_schema: { val_type: 'string' } },
      {
        name: 'filter',
        required: false,
        value_schema: {
          val_type: 'json',
          properties: {
            kind: { val_type: 'string', required: true, enum: ['page', 'post'] },
            author: { val_type: 'string', required: false },
          },
        },
      },
      { name: 'limit', required: false, value_schema: { val_type: 'integer' } },
    ],
  },
});

function searchTool() {
  const received: unknown[] = [];
  const tool = new ToolgrantStructuredTool({
    name: 'Docs_Search',
    description: 'Searches the docs.',
    schema: toZodSchema(definition),
    responseFormat: 'content_and_artifact',
    definition,
    func: async (input) => {
      received.push(input);
      return ['found', { type: 'completed', value: 'found' }];
    },
  });
  return { tool, received };
}

const badInputMessage = [
  'Error (TOOL_RUNTIME_BAD_INPUT_VALUE): Invalid arguments for Docs.Search: query: expected a string, received 7; filter.kind: expected one of "page", "post", received "wiki"',
  'You may retry, after fixing what the message says.',
].join('\n');

describe('ToolgrantStructuredTool', () => {
  it('removes strict-mode nulls, also nested ones, before LangChain parses and the function runs', async () => {
    const { tool, received } = searchTool();
    const message = await tool.invoke({
      name: 'Docs_Search',
      args: { query: 'zod', filter: { kind: 'page', author: null }, limit: null },
      id: 'call-1',
      type: 'tool_call',
    });
    expect(ToolMessage.isInstance(message)).toBe(true);
    expect(message.status).toBe('success');
    expect(message.content).toBe('found');
    expect(received).toEqual([{ query: 'zod', filter: { kind: 'page' } }]);
  });

  it("answers bad arguments with an error ToolMessage carrying core's message, without running or throwing", async () => {
    const { tool, received } = searchTool();
    const message = await tool.invoke({
      name: 'Docs_Search',
      args: { query: 7, filter: { kind: 'wiki' } },
      id: 'call-2',
      type: 'tool_call',
    });
    expect(ToolMessage.isInstance(message)).toBe(true);
    expect(message).toMatchObject({
      status: 'error',
      tool_call_id: 'call-2',
      name: 'Docs_Search',
      content: badInputMessage,
      artifact: {
        type: 'error',
        error: { kind: 'TOOL_RUNTIME_BAD_INPUT_VALUE', canRetry: true },
      },
    });
    expect(received).toEqual([]);
  });

  it('takes the tool call id from the config too, and answers a call without one with the content', async () => {
    const { tool } = searchTool();
    const bad = { query: 7, filter: { kind: 'wiki' } };
    const fromConfig = await tool.invoke(bad, {
      toolCall: { name: 'Docs_Search', args: bad, id: 'call-3', type: 'tool_call' },
    });
    expect(ToolMessage.isInstance(fromConfig) && fromConfig.tool_call_id).toBe('call-3');
    await expect(tool.invoke(bad)).resolves.toBe(badInputMessage);
  });

  it('goes through LangChain’s callbacks for valid arguments, which see the input the tool ran with', async () => {
    const { tool } = searchTool();
    const events: string[] = [];
    await tool.invoke(
      { query: 'zod', limit: null },
      {
        callbacks: [
          {
            handleToolStart: async (_tool, input) => {
              events.push(`start ${input}`);
            },
            handleToolEnd: async () => {
              events.push('end');
            },
          },
        ],
      },
    );
    expect(events).toEqual(['start {"query":"zod"}', 'end']);
  });
});

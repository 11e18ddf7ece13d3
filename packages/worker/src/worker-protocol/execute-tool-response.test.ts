import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { createWorkerHandler } from '../create-worker-handler.js';
import { defineTool } from '../define-tool.js';
import { defineToolkit } from '../define-toolkit.js';
import { ToolExecutionError } from '../tool-error.js';
import { signWorkerToken } from '../worker-token.js';
import { safeParseExecuteToolResponse } from './execute-tool-response.js';

const secret = 'response-test-secret';
const toolkit = defineToolkit({
  name: 'Echo',
  version: '1.0.0',
  tools: [
    defineTool({
      name: 'Say',
      description: 'Says the text back, or fails when asked to.',
      input: z.object({ text: z.string() }),
      execute: ({ text }, { logger }) => {
        logger.info(`saying ${text}`);
        if (text === 'fail') throw new ToolExecutionError({ message: 'asked to fail' });
        return text;
      },
    }),
  ],
});

async function invoke(text: string): Promise<unknown> {
  const handler = createWorkerHandler({ toolkits: [toolkit], secret });
  const response = await handler(
    new Request('http://worker/worker/tools/invoke', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${signWorkerToken({ secret })}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        run_id: 'run_1',
        execution_id: 'exec_1',
        created_at: '2025-01-31T12:00:00Z',
        tool: { name: 'Say', toolkit: 'Echo', version: '1.0.0' },
        inputs: { text },
        context: {},
      }),
    }),
  );
  expect(response.status).toBe(200);
  return response.json();
}

describe('safeParseExecuteToolResponse', () => {
  it("accepts what this package's worker answers, for a value and for an error", async () => {
    const completed = await invoke('hello');
    expect(safeParseExecuteToolResponse(completed)).toEqual({ success: true, data: completed });
    const failed = await invoke('fail');
    expect(safeParseExecuteToolResponse(failed)).toMatchObject({
      success: true,
      data: { success: false, output: { error: { message: 'asked to fail' } } },
    });
  });

  it('accepts a minimal answer from another worker, with nulls and extra fields', () => {
    const minimal = { success: true, output: { value: 1 }, extra: 'kept' };
    expect(safeParseExecuteToolResponse(minimal)).toEqual({ success: true, data: minimal });
    const nulls = {
      success: false,
      output: {
        error: { message: 'm', developer_message: null, retry_after_ms: null, status_code: null },
      },
      logs: null,
    };
    expect(safeParseExecuteToolResponse(nulls)).toEqual({ success: true, data: nulls });
  });

  it('names the field that makes it something else', () => {
    expect(safeParseExecuteToolResponse({ output: { value: 1 } })).toEqual({
      success: false,
      problems: ["'success' is required"],
    });
    expect(
      safeParseExecuteToolResponse({ success: false, output: { error: { message: 5 } } }),
    ).toEqual({ success: false, problems: ["'output.error.message' must be a string"] });
    expect(safeParseExecuteToolResponse({ success: true, logs: 'none' })).toEqual({
      success: false,
      problems: ["'logs' must be an array or null"],
    });
    expect(safeParseExecuteToolResponse([])).toEqual({
      success: false,
      problems: ["'(body)' must be an object"],
    });
  });
});

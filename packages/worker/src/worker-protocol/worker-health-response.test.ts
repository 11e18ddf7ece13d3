import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { createWorkerHandler } from '../create-worker-handler.js';
import { defineTool } from '../define-tool.js';
import { defineToolkit } from '../define-toolkit.js';
import { safeParseWorkerHealthResponse } from './worker-health-response.js';

describe('safeParseWorkerHealthResponse', () => {
  it("accepts what this package's worker answers", async () => {
    const toolkit = defineToolkit({
      name: 'Echo',
      version: '1.0.0',
      tools: [
        defineTool({
          name: 'Say',
          description: 'Says the text back.',
          input: z.object({ text: z.string() }),
          execute: ({ text }) => text,
        }),
      ],
    });
    const handler = createWorkerHandler({ toolkits: [toolkit], secret: 's' });
    const body = await (await handler(new Request('http://worker/worker/health'))).json();
    expect(safeParseWorkerHealthResponse(body)).toEqual({
      success: true,
      data: { status: 'ok', tool_count: 1 },
    });
  });

  it('refuses another status and a tool count that is not a whole number from 0', () => {
    expect(safeParseWorkerHealthResponse({ status: 'ok' }).success).toBe(true);
    expect(safeParseWorkerHealthResponse({ status: 'degraded' })).toEqual({
      success: false,
      problems: ["'status' must be equal to constant"],
    });
    expect(safeParseWorkerHealthResponse({ status: 'ok', tool_count: -1 }).success).toBe(false);
    expect(safeParseWorkerHealthResponse({ status: 'ok', tool_count: 1.5 }).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { weatherV1 } from '../../test/fixtures/weather-toolkit.js';
import { createWorkerHandler } from '../create-worker-handler.js';
import { safeParseWorkerHealthResponse, toolCountOf } from './worker-health-response.js';

describe('safeParseWorkerHealthResponse', () => {
  it("accepts what this package's worker answers", async () => {
    const handler = createWorkerHandler({ toolkits: [weatherV1], secret: 's' });
    const body = await (await handler(new Request('http://worker/worker/health'))).json();
    expect(safeParseWorkerHealthResponse(body)).toEqual({
      success: true,
      data: { status: 'ok', tool_count: weatherV1.tools.length },
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
    expect(safeParseWorkerHealthResponse({ status: 'ok', tool_count: '-1' }).success).toBe(false);
    expect(safeParseWorkerHealthResponse({ status: 'ok', tool_count: 'three' }).success).toBe(
      false,
    );
  });

  it("accepts the count as a string of digits, as Arcade's workers send it", () => {
    // arcade-mcp-ts src/worker/routes.ts and arcade-serve core/base.py answer String(count).
    const parsed = safeParseWorkerHealthResponse({ status: 'ok', tool_count: '3' });
    expect(parsed).toEqual({ success: true, data: { status: 'ok', tool_count: '3' } });
    if (!parsed.success) throw new Error('unreachable');
    expect(toolCountOf(parsed.data)).toBe(3);
    expect(toolCountOf({ status: 'ok', tool_count: 4 })).toBe(4);
    expect(toolCountOf({ status: 'ok' })).toBeUndefined();
  });
});

import Arcade from '@arcadeai/arcadejs';
import { describe, expectTypeOf, it } from 'vitest';
import type { ToolClient } from './tool-client.js';

describe('ToolClient', () => {
  it('accepts the official client', () => {
    const client = new Arcade({ apiKey: 'test-key', baseURL: 'http://127.0.0.1:1' });
    expectTypeOf(client).toExtend<ToolClient>();
  });

  it('rejects a client without auth.status', () => {
    type WithoutAuthStatus = { tools: ToolClient['tools']; auth: Record<string, never> };
    expectTypeOf<WithoutAuthStatus>().not.toExtend<ToolClient>();
  });

  it('rejects a client whose execute resolves to something other than an execution response', () => {
    type WrongExecute = {
      tools: Omit<ToolClient['tools'], 'execute'> & {
        execute(body: { tool_name: string }): Promise<{ success: string }>;
      };
      auth: ToolClient['auth'];
    };
    expectTypeOf<WrongExecute>().not.toExtend<ToolClient>();
  });
});

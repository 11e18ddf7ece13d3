import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { oauth2 } from './auth.js';
import { defineTool } from './define-tool.js';
import { executeTool } from './execute-tool.js';
import { RetryableToolError, ToolExecutionError, UpstreamError } from './tool-error.js';

const toolkit = { name: 'Mail' };
const context = { userId: 'ada@example.com' };

const search = defineTool({
  name: 'Search',
  description: 'Searches mail.',
  input: z.object({
    query: z.string().min(1),
    limit: z.int().min(1).max(50).default(10),
    label: z.enum(['INBOX', 'SENT']).optional(),
    after: z.string().nullable(),
  }),
  output: z.object({ query: z.string(), limit: z.number(), label: z.string().optional() }),
  execute: (input, { logger }) => {
    logger.info(`searching for ${input.query}`);
    return { query: input.query, limit: input.limit, label: input.label, extra: 'dropped' };
  },
});

describe('executeTool', () => {
  it('runs the tool and returns its value, logs and duration', async () => {
    const result = await executeTool({
      tool: search,
      toolkit,
      input: { query: 'invoices', label: 'INBOX', after: null },
      context,
    });
    expect(result).toEqual({
      success: true,
      // Defaults applied to the input; unknown output keys stripped by the output schema.
      output: {
        value: { query: 'invoices', limit: 10, label: 'INBOX' },
        logs: [{ level: 'info', message: 'searching for invoices' }],
      },
      duration: expect.any(Number),
    });
    expect(result.duration).toBeGreaterThanOrEqual(0);
  });

  it('treats null for an optional, non-nullable argument as left out', async () => {
    const result = await executeTool({
      tool: search,
      input: { query: 'q', limit: null, label: null, after: null },
      context,
    });
    expect(result.output).toMatchObject({ value: { query: 'q', limit: 10 } });
  });

  it('validates the input before the tool runs, naming each bad field', async () => {
    let calls = 0;
    const counted = defineTool({
      name: 'Counted',
      description: 'd',
      input: search.input,
      execute: () => {
        calls += 1;
        return null;
      },
    });
    const result = await executeTool({
      tool: counted,
      toolkit,
      input: { query: '', limit: 'ten', label: 'TRASH' },
      context,
    });
    expect(calls).toBe(0);
    expect(result.success).toBe(false);
    expect(result.output).toMatchObject({
      error: { kind: 'TOOL_RUNTIME_BAD_INPUT_VALUE', can_retry: false },
    });
    const message = 'error' in result.output ? result.output.error.message : '';
    expect(message).toMatch(/^The arguments for tool 'Mail\.Counted' are invalid: /);
    for (const field of ["'query'", "'limit'", "'label'", "'after'"]) {
      expect(message).toContain(field);
    }
    expect(message).toContain('Call the tool again with corrected arguments.');
  });

  it('refuses input that is not an object', async () => {
    const result = await executeTool({ tool: search, input: ['invoices'], context });
    expect(result.output).toMatchObject({
      error: {
        kind: 'TOOL_RUNTIME_BAD_INPUT_VALUE',
        message: expect.stringContaining(
          '(arguments): Invalid input: expected object, received array',
        ),
      },
    });
  });

  it('does not pass on a value that breaks the declared output schema', async () => {
    const broken = defineTool({
      name: 'Broken',
      description: 'd',
      input: z.object({}),
      output: z.object({ count: z.int() }),
      // Returned through a cast: the type checker would catch this, a wrong upstream shape not.
      execute: () => ({ count: 'many' }) as unknown as { count: number },
    });
    const result = await executeTool({ tool: broken, toolkit, input: {}, context });
    expect(result).toMatchObject({
      success: false,
      output: {
        error: {
          kind: 'TOOL_RUNTIME_BAD_OUTPUT_VALUE',
          can_retry: false,
          message:
            "Tool 'Mail.Broken' returned a value that does not match its declared output schema.",
          developer_message: expect.stringContaining(
            "'count': Invalid input: expected number, received string",
          ),
        },
      },
    });
    expect(result.output).not.toHaveProperty('value');
  });

  it('returns null when a tool without output schema returns nothing', async () => {
    const quiet = defineTool({
      name: 'Quiet',
      description: 'd',
      input: z.object({}),
      execute: () => {},
    });
    expect((await executeTool({ tool: quiet, input: undefined, context })).output).toEqual({
      value: null,
      logs: [],
    });
  });

  it('maps a RetryableToolError to can_retry with the hint for the model', async () => {
    const picky = defineTool({
      name: 'Picky',
      description: 'd',
      input: z.object({}),
      execute: async () => {
        throw new RetryableToolError({
          message: "No label named 'Inbox2'.",
          additionalPromptContent: 'Valid labels: INBOX, SENT.',
          retryAfterMs: 250,
        });
      },
    });
    expect((await executeTool({ tool: picky, input: {}, context })).output).toEqual({
      error: {
        message: "No label named 'Inbox2'.",
        kind: 'TOOL_RUNTIME_RETRY',
        can_retry: true,
        additional_prompt_content: 'Valid labels: INBOX, SENT.',
        retry_after_ms: 250,
      },
      logs: [],
    });
  });

  it('maps ToolExecutionError and UpstreamError', async () => {
    const fatal = defineTool({
      name: 'Fatal',
      description: 'd',
      input: z.object({}),
      execute: () => {
        throw new ToolExecutionError({ message: 'Locked.', developerMessage: 'job 42 holds it' });
      },
    });
    expect((await executeTool({ tool: fatal, input: {}, context })).output).toMatchObject({
      error: {
        message: 'Locked.',
        developer_message: 'job 42 holds it',
        kind: 'TOOL_RUNTIME_FATAL',
        can_retry: false,
      },
    });
    const limited = defineTool({
      name: 'Limited',
      description: 'd',
      input: z.object({}),
      execute: () => {
        throw new UpstreamError({ message: 'Too many requests.', status: 429, retryAfterMs: 1000 });
      },
    });
    expect((await executeTool({ tool: limited, input: {}, context })).output).toMatchObject({
      error: {
        kind: 'UPSTREAM_RUNTIME_RATE_LIMIT',
        can_retry: true,
        retry_after_ms: 1000,
        status_code: 429,
      },
    });
  });

  it('turns an unexpected throw into TOOL_RUNTIME_FATAL, the stack only for developers', async () => {
    const buggy = defineTool({
      name: 'Buggy',
      description: 'd',
      input: z.object({}),
      execute: () => {
        throw new TypeError('Cannot read properties of undefined');
      },
    });
    const result = await executeTool({ tool: buggy, input: {}, context });
    expect(result.output).toMatchObject({
      error: {
        message: 'Cannot read properties of undefined',
        kind: 'TOOL_RUNTIME_FATAL',
        can_retry: false,
        developer_message: expect.stringContaining('execute-tool.test.ts'),
      },
    });
    const thrower = defineTool({
      name: 'Thrower',
      description: 'd',
      input: z.object({}),
      execute: () => Promise.reject('plain string'),
    });
    expect((await executeTool({ tool: thrower, input: {}, context })).output).toMatchObject({
      error: { message: 'The tool failed: plain string', kind: 'TOOL_RUNTIME_FATAL' },
    });
  });

  it('stops a tool at its timeout and aborts its signal', async () => {
    let seenSignal: AbortSignal | undefined;
    const slow = defineTool({
      name: 'Slow',
      description: 'd',
      input: z.object({}),
      timeoutMs: 50,
      metadata: { idempotent: true },
      execute: async (_input, { signal }) => {
        seenSignal = signal;
        await sleep(10_000, undefined, { signal });
        return 'late';
      },
    });
    const startedAt = Date.now();
    // The tool's own timeoutMs wins over the caller's default.
    const result = await executeTool({
      tool: slow,
      toolkit,
      input: {},
      context,
      timeoutMs: 60_000,
    });
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(result.output).toMatchObject({
      error: {
        kind: 'TOOL_RUNTIME_FATAL',
        message: "Tool 'Mail.Slow' did not finish within 50 ms and was stopped.",
        can_retry: true,
      },
    });
    expect(seenSignal?.aborted).toBe(true);
  });

  it('returns at the timeout even when the tool ignores its signal, and its late failure goes nowhere', async () => {
    const stubborn = defineTool({
      name: 'Stubborn',
      description: 'd',
      input: z.object({}),
      execute: async () => {
        await sleep(100);
        throw new Error('failed after the timeout');
      },
    });
    const result = await executeTool({ tool: stubborn, input: {}, context, timeoutMs: 20 });
    expect(result.output).toMatchObject({
      error: { kind: 'TOOL_RUNTIME_FATAL', can_retry: false },
    });
    // Vitest fails the run on an unhandled rejection; wait until the tool has rejected.
    await sleep(150);
  });

  it('is cancelled by the caller’s signal', async () => {
    const controller = new AbortController();
    const waiting = defineTool({
      name: 'Waiting',
      description: 'd',
      input: z.object({}),
      execute: (_input, { signal }) => sleep(10_000, null, { signal }),
    });
    const running = executeTool({
      tool: waiting,
      input: {},
      context: { ...context, signal: controller.signal },
    });
    controller.abort();
    expect((await running).output).toMatchObject({
      error: {
        kind: 'TOOL_RUNTIME_FATAL',
        message: "The execution of tool 'Waiting' was cancelled.",
      },
    });
  });

  it('answers TOOL_REQUIREMENTS_NOT_MET naming a missing secret', async () => {
    const keyed = defineTool({
      name: 'Keyed',
      description: 'd',
      input: z.object({}),
      secrets: ['INDEX_KEY'],
      execute: () => null,
    });
    expect((await executeTool({ tool: keyed, input: {}, context })).output).toMatchObject({
      error: {
        kind: 'TOOL_REQUIREMENTS_NOT_MET',
        message:
          "Tool 'Keyed' cannot run: the secret 'INDEX_KEY' is not available. Set the missing secret in the engine, or authorize the user first.",
      },
    });
  });

  it('gives the tool its credential and secret, and keeps both out of messages and logs', async () => {
    const token = 'ya29.access-token-for-ada';
    const secret = 'sk_live_signing_secret';
    const leaky = defineTool({
      name: 'Leaky',
      description: 'd',
      input: z.object({}),
      auth: oauth2({ provider: 'google', scopes: ['mail'] }),
      secrets: ['SIGNING_KEY'],
      execute: (_input, { getAuthToken, getSecret, logger }) => {
        logger.debug(`token=${getAuthToken()} secret=${getSecret('SIGNING_KEY')}`);
        throw new RetryableToolError({
          message: `rejected ${getAuthToken()}`,
          developerMessage: `signed with ${getSecret('SIGNING_KEY')}`,
          additionalPromptContent: `try ${getSecret('SIGNING_KEY')}`,
        });
      },
    });
    const result = await executeTool({
      tool: leaky,
      input: {},
      context: { ...context, authToken: token, secrets: { SIGNING_KEY: secret } },
    });
    expect(result.output).toEqual({
      error: {
        message: 'rejected [redacted]',
        developer_message: 'signed with [redacted]',
        additional_prompt_content: 'try [redacted]',
        kind: 'TOOL_RUNTIME_RETRY',
        can_retry: true,
      },
      logs: [{ level: 'debug', message: 'token=[redacted] secret=[redacted]' }],
    });
    expect(JSON.stringify(result)).not.toContain(token);
    expect(JSON.stringify(result)).not.toContain(secret);
  });
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { weatherV1 } from '../test/fixtures/weather-toolkit.js';
import { createWorkerHandler } from './create-worker-handler.js';
import { defineTool } from './define-tool.js';
import { defineToolkit } from './define-toolkit.js';
import { signWorkerToken } from './worker-token.js';

// The handler mounted in an application's own Hono server, beside its other routes, as a
// Next.js route handler or an existing Node server would mount it.

const secret = 'embedded-worker-secret';
const seenAborts: string[] = [];

const waits = defineToolkit({
  name: 'Waits',
  version: '0.1.0',
  tools: [
    defineTool({
      name: 'UntilCancelled',
      description: 'Waits until the caller gives up.',
      input: z.object({ id: z.string() }),
      execute: ({ id }, context) =>
        new Promise((resolve) => {
          context.signal.addEventListener('abort', () => {
            seenAborts.push(id);
            resolve(null);
          });
        }),
    }),
  ],
});

const handler = createWorkerHandler({ toolkits: [weatherV1, waits], secret });
const app = new Hono();
app.get('/', (context) => context.text('the application’s own page'));
app.all('/worker/*', (context) => handler(context.req.raw));
const server = createServer(getRequestListener(app.fetch));
let url: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function invokeBody(tool: { name: string; toolkit: string; version: string }, inputs: object) {
  return JSON.stringify({
    run_id: 'run_embedded',
    execution_id: 'exec_embedded',
    created_at: new Date().toISOString(),
    tool,
    inputs,
    context: { user_id: 'ada@example.com' },
  });
}

describe('createWorkerHandler', () => {
  it('serves the worker routes beside the application’s own', async () => {
    expect(await (await fetch(`${url}/`)).text()).toBe('the application’s own page');
    expect(await (await fetch(`${url}/worker/health`)).json()).toEqual({
      status: 'ok',
      tool_count: 5,
    });
    const response = await fetch(`${url}/worker/tools/invoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${signWorkerToken({ secret })}` },
      body: invokeBody({ name: 'Snoop', toolkit: 'Weather', version: '1.0.0' }, {}),
    });
    expect(await response.json()).toMatchObject({ execution_id: 'exec_embedded', success: true });
  });

  it('is a plain Fetch API handler: Request in, Response out', async () => {
    const response = await handler(new Request('http://worker.internal/worker/tools'));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="worker"');
  });

  it('cancels the tool when the engine disconnects', async () => {
    const caller = new AbortController();
    const call = fetch(`${url}/worker/tools/invoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${signWorkerToken({ secret })}` },
      body: invokeBody({ name: 'UntilCancelled', toolkit: 'Waits', version: '0.1.0' }, { id: 'a' }),
      signal: caller.signal,
    });
    await sleep(100);
    expect(seenAborts).toEqual([]);
    caller.abort();
    await expect(call).rejects.toThrow();
    const deadline = Date.now() + 5_000;
    while (seenAborts.length === 0 && Date.now() < deadline) await sleep(10);
    expect(seenAborts).toEqual(['a']);
  });

  it('stops a tool at timeoutMs and answers TOOL_RUNTIME_FATAL', async () => {
    const quick = createWorkerHandler({ toolkits: [waits], secret, timeoutMs: 50 });
    const response = await quick(
      new Request('http://worker.internal/worker/tools/invoke', {
        method: 'POST',
        headers: { authorization: `Bearer ${signWorkerToken({ secret })}` },
        body: invokeBody(
          { name: 'UntilCancelled', toolkit: 'Waits', version: '0.1.0' },
          { id: 'b' },
        ),
      }),
    );
    expect(await response.json()).toMatchObject({
      success: false,
      output: { error: { kind: 'TOOL_RUNTIME_FATAL', message: expect.stringMatching(/50 ms/) } },
    });
  });

  it('refuses a body larger than maxRequestBytes with 413', async () => {
    const small = createWorkerHandler({ toolkits: [waits], secret, maxRequestBytes: 100 });
    const response = await small(
      new Request('http://worker.internal/worker/tools/invoke', {
        method: 'POST',
        headers: { authorization: `Bearer ${signWorkerToken({ secret })}` },
        body: invokeBody(
          { name: 'UntilCancelled', toolkit: 'Waits', version: '0.1.0' },
          { id: 'c' },
        ),
      }),
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as { message: string }).message).toMatch(/maxRequestBytes/);
  });

  it('checks authentication before reading the body', async () => {
    const response = await handler(
      new Request('http://worker.internal/worker/tools/invoke', {
        method: 'POST',
        headers: { authorization: 'Bearer not.a.jwt' },
        body: '{"not": "checked"}',
      }),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });
});

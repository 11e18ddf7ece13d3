import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { weatherV1 } from '../test/fixtures/weather-toolkit.js';
import { createWorkerHandler, toFetchHandler } from './create-worker-handler.js';
import { defineTool } from './define-tool.js';
import { defineToolkit } from './define-toolkit.js';
import { toNodeListener } from './serve-invoke.js';
import { serveWorker, type WorkerServer } from './serve-worker.js';
import { createWorkerRoutes } from './worker-routes.js';
import { signWorkerToken } from './worker-token.js';

// serveWorker answers POST /worker/tools/invoke on node:http itself (serve-invoke.ts), and
// everything else through the Fetch handler. Each request here goes to that listener and to the
// Fetch handler alone, each on a node:http server, over real HTTP: the two answers must be the
// same, for what an engine sends and for what an attacker sends.

const secret = 'serve-invoke-test-secret';
const maxRequestBytes = 4096;
/** What the slow tool saw: whether its signal was aborted once the engine hung up. */
const slowCalls: { aborted: Promise<boolean> }[] = [];

const probe = defineToolkit({
  name: 'Probe',
  version: '1.0.0',
  description: 'Tools for the differential test.',
  tools: [
    defineTool({
      name: 'Fails',
      description: 'Always throws.',
      input: z.object({}),
      execute: () => {
        throw new Error('broken on purpose');
      },
    }),
    defineTool({
      name: 'Unserialisable',
      description: 'Returns a value JSON cannot hold.',
      input: z.object({}),
      execute: () => ({ count: 1n }),
    }),
    defineTool({
      name: 'Slow',
      description: 'Waits until its signal is aborted, or 5 s.',
      input: z.object({}),
      execute: (_input, context) => {
        const aborted = new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), 5000);
          context.signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve(true);
          });
        });
        slowCalls.push({ aborted });
        return aborted.then(() => ({ done: true }));
      },
    }),
  ],
});

const options = { toolkits: [weatherV1, probe], secret, maxRequestBytes };
/** The paths the node:http listener handed to the Fetch handler. */
const fallbackPaths: string[] = [];
let fast: Server;
let fastUrl: string;
let fetchOnly: Server;
let fetchOnlyUrl: string;
let served: WorkerServer;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

beforeAll(async () => {
  const routes = createWorkerRoutes(options);
  const fetchListener = getRequestListener(toFetchHandler(routes));
  fast = createServer(
    toNodeListener({
      routes,
      fallback: (request, response) => {
        fallbackPaths.push(`${request.method} ${request.url}`);
        return fetchListener(request, response);
      },
    }),
  );
  fastUrl = await listen(fast);
  fetchOnly = createServer(getRequestListener(createWorkerHandler(options)));
  fetchOnlyUrl = await listen(fetchOnly);
  served = await serveWorker({ ...options, port: 0 });
});

afterAll(async () => {
  await Promise.all([stop(fast), stop(fetchOnly), served.close()]);
  // Only the one request that is not an invoke call went to the Fetch handler.
  expect(fallbackPaths).toEqual(['GET /worker/tools/invoke']);
});

type Sent = {
  path?: string;
  method?: string;
  headers?: Record<string, string | string[]>;
  /** Sent as is; an array is sent chunked, one chunk per element. */
  body?: string | string[];
};

type Received = {
  status: number;
  contentType: string | undefined;
  challenge: string | undefined;
  body: unknown;
};

/** How the connection was used: whether the server ends it, and the client's port on it. */
type Connection = { close: boolean; localPort: number | undefined };

function send(base: string, sent: Sent): Promise<Received> {
  return sendOn(base, sent, false).then(({ received }) => received);
}

function sendOn(
  base: string,
  sent: Sent,
  agent: Agent | false,
): Promise<{ received: Received; connection: Connection }> {
  return new Promise((resolve, reject) => {
    const url = new URL(sent.path ?? '/worker/tools/invoke', base);
    const outgoing = httpRequest(
      url,
      { method: sent.method ?? 'POST', headers: sent.headers ?? {}, agent },
      (response) => {
        const localPort = response.socket.localPort;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            received: {
              status: response.statusCode ?? 0,
              contentType: response.headers['content-type'],
              challenge: response.headers['www-authenticate'],
              body: withoutTimings(text === '' ? undefined : JSON.parse(text)),
            },
            connection: { close: response.headers.connection === 'close', localPort },
          });
        });
      },
    );
    outgoing.on('error', reject);
    if (Array.isArray(sent.body)) {
      for (const chunk of sent.body) outgoing.write(chunk);
      outgoing.end();
    } else {
      outgoing.end(sent.body);
    }
  });
}

/** Both answers, which must be equal; returns one. */
async function sendToBoth(sent: Sent): Promise<Received> {
  const [fast, reference] = await Promise.all([send(fastUrl, sent), send(fetchOnlyUrl, sent)]);
  expect(fast).toEqual(reference);
  return fast;
}

/**
 * An execute response's timings differ from call to call, and so does the stack trace in a
 * failed call's developer message (the frames above the tool are each server's own).
 */
function withoutTimings(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || !('finished_at' in body)) return body;
  const {
    finished_at: _finished,
    duration: _duration,
    ...rest
  } = body as {
    output?: { error?: { developer_message?: string } };
  } & Record<string, unknown>;
  const error = rest.output?.error;
  if (typeof error?.developer_message === 'string') {
    error.developer_message = error.developer_message.split('\n    at ')[0];
  }
  return rest;
}

const token = () => signWorkerToken({ secret });
const invokeBody = (tool: Record<string, string>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    run_id: 'run_1',
    execution_id: 'exec_1',
    created_at: new Date().toISOString(),
    tool,
    inputs: { city: 'Lisbon' },
    context: { secrets: [{ key: 'WEATHER_API_KEY', value: 'weather-key-123' }], user_id: 'ada' },
    ...extra,
  });
const forecast = { name: 'Forecast', toolkit: 'Weather', version: '1.0.0' };
const authorized = () => ({
  'content-type': 'application/json',
  authorization: `Bearer ${token()}`,
});

describe('serveWorker invoke on node:http, against the Fetch handler', () => {
  it('runs a tool call, with the same execute response', async () => {
    const answer = await sendToBoth({ headers: authorized(), body: invokeBody(forecast) });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toMatchObject({ execution_id: 'exec_1', success: true });
  });

  it('reports a tool that throws as a failed execution', async () => {
    const answer = await sendToBoth({
      headers: authorized(),
      body: invokeBody({ name: 'Fails', toolkit: 'Probe', version: '1.0.0' }),
    });
    expect(answer).toMatchObject({ status: 200, body: { success: false } });
  });

  it('ignores a query string, as the router does', async () => {
    const answer = await sendToBoth({
      path: '/worker/tools/invoke?debug=1',
      headers: authorized(),
      body: invokeBody(forecast),
    });
    expect(answer.status).toBe(200);
  });

  it('reads a body sent chunked', async () => {
    const body = invokeBody(forecast);
    const answer = await sendToBoth({
      headers: { ...authorized(), 'transfer-encoding': 'chunked' },
      body: [body.slice(0, 40), body.slice(40)],
    });
    expect(answer.status).toBe(200);
  });

  it('reads a body with a byte order mark as Request.json() does', async () => {
    const answer = await sendToBoth({
      headers: authorized(),
      body: `\uFEFF${invokeBody(forecast)}`,
    });
    expect(answer.status).toBe(200);
  });

  describe('refuses', () => {
    it('a request without a token, with the Bearer challenge', async () => {
      const answer = await sendToBoth({
        headers: { 'content-type': 'application/json' },
        body: invokeBody(forecast),
      });
      expect(answer).toMatchObject({ status: 401, challenge: 'Bearer realm="worker"' });
    });

    it('a token signed with another secret, saying why in the challenge', async () => {
      const answer = await sendToBoth({
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${signWorkerToken({ secret: 'another-secret' })}`,
        },
        body: invokeBody(forecast),
      });
      expect(answer.status).toBe(401);
      expect(answer.challenge).toContain('error="invalid_token"');
    });

    it('two Authorization headers, even when both carry a valid token', async () => {
      const valid = `Bearer ${token()}`;
      const answer = await sendToBoth({
        headers: { 'content-type': 'application/json', authorization: [valid, valid] },
        body: invokeBody(forecast),
      });
      expect(answer).toMatchObject({ status: 401, body: { code: 'invalid_token' } });
    });

    it('a body that is not JSON', async () => {
      const answer = await sendToBoth({ headers: authorized(), body: '{"run_id": ' });
      expect(answer).toMatchObject({ status: 400, body: { code: 'invalid_json' } });
    });

    it('an empty body', async () => {
      const answer = await sendToBoth({ headers: authorized(), body: '' });
      expect(answer).toMatchObject({ status: 400, body: { code: 'invalid_json' } });
    });

    it('a request that is not an execute-tool request', async () => {
      const answer = await sendToBoth({ headers: authorized(), body: '{"tool": 1}' });
      expect(answer).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
    });

    it('a secret that is not a string', async () => {
      const answer = await sendToBoth({
        headers: authorized(),
        body: invokeBody(forecast, { context: { secrets: { WEATHER_API_KEY: 7 } } }),
      });
      expect(answer.status).toBe(400);
    });

    it('a tool the worker does not serve', async () => {
      const answer = await sendToBoth({
        headers: authorized(),
        body: invokeBody({ name: 'Forecast', toolkit: 'Nope', version: '1.0.0' }),
      });
      expect(answer).toMatchObject({ status: 404, body: { code: 'toolkit_not_found' } });
    });

    it('a body whose Content-Length is over the limit, before reading it', async () => {
      const answer = await sendToBoth({
        headers: authorized(),
        body: JSON.stringify({ padding: 'x'.repeat(maxRequestBytes) }),
      });
      expect(answer).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
    });

    it('a chunked body that grows over the limit', async () => {
      const chunk = 'x'.repeat(1024);
      const answer = await sendToBoth({
        headers: { ...authorized(), 'transfer-encoding': 'chunked' },
        body: ['{"padding":"', ...Array.from({ length: 6 }, () => chunk), '"}'],
      });
      expect(answer).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
    });

    it('another method on the invoke path', async () => {
      const answer = await sendToBoth({ method: 'GET', headers: authorized() });
      expect(answer).toMatchObject({ status: 404, body: { code: 'route_not_found' } });
    });
  });

  it('answers 500 when a tool returns a value JSON cannot hold, instead of dropping the connection', async () => {
    const answer = await sendToBoth({
      headers: authorized(),
      body: invokeBody({ name: 'Unserialisable', toolkit: 'Probe', version: '1.0.0' }),
    });
    expect(answer).toMatchObject({ status: 500, body: { code: 'internal_error' } });
  });

  describe('keep-alive', () => {
    const agents: Agent[] = [];
    const oneConnection = () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      agents.push(agent);
      return agent;
    };
    afterAll(() => {
      for (const agent of agents) agent.destroy();
    });

    it('keeps a connection after a refused request whose body it read, and serves the next call on it', async () => {
      const agent = oneConnection();
      const refused = await sendOn(fastUrl, { headers: authorized(), body: 'not json' }, agent);
      expect(refused.received.status).toBe(400);
      expect(refused.connection.close).toBe(false);
      const next = await sendOn(
        fastUrl,
        { headers: authorized(), body: invokeBody(forecast) },
        agent,
      );
      expect(next.received.status).toBe(200);
      expect(next.connection.localPort).toBe(refused.connection.localPort);
    });

    it('closes the connection after a body it left unread: too large, or refused before reading', async () => {
      for (const sent of [
        {
          headers: { ...authorized(), 'transfer-encoding': 'chunked' },
          body: ['{"padding":"', 'x'.repeat(maxRequestBytes), '"}'],
        },
        { headers: { 'content-type': 'application/json' }, body: invokeBody(forecast) },
      ]) {
        const agent = oneConnection();
        const refused = await sendOn(fastUrl, sent, agent);
        expect([413, 401]).toContain(refused.received.status);
        expect(refused.connection.close).toBe(true);
        const next = await sendOn(
          fastUrl,
          { headers: authorized(), body: invokeBody(forecast) },
          agent,
        );
        expect(next.received.status).toBe(200);
        expect(next.connection.localPort).not.toBe(refused.connection.localPort);
      }
    });
  });

  it('serveWorker: aborts the tool’s signal when the engine hangs up before the answer', async () => {
    const outgoing = httpRequest(`${served.url}/worker/tools/invoke`, {
      method: 'POST',
      headers: authorized(),
      agent: false,
    });
    outgoing.on('error', () => {});
    outgoing.end(invokeBody({ name: 'Slow', toolkit: 'Probe', version: '1.0.0' }));
    await expect.poll(() => slowCalls.length).toBe(1);
    outgoing.destroy();
    await expect(slowCalls[0]?.aborted).resolves.toBe(true);
  });
});

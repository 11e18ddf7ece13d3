import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { weatherV1, weatherV2 } from '../test/fixtures/weather-toolkit.js';
import { defineTool } from './define-tool.js';
import { defineToolkit } from './define-toolkit.js';
import type { ToolExecutionErrorOutput } from './execute-tool.js';
import { serveWorker, type WorkerServer } from './serve-worker.js';
import { toToolDefinition } from './to-tool-definition.js';
import type { ExecuteToolResponse } from './worker-protocol/execute-tool-response.js';
import { signWorkerToken } from './worker-token.js';

// The worker protocol over real HTTP: a worker on port 0, called with fetch as an engine would.

const secret = 'worker-secret-for-tests';
let worker: WorkerServer;

beforeAll(async () => {
  worker = await serveWorker({ toolkits: [weatherV1, weatherV2], secret, port: 0 });
});

afterAll(async () => {
  await worker.close();
});

function forge(claims: Record<string, unknown>, key = secret): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const validClaims = () => ({ aud: 'worker', ver: '1', iat: nowSeconds(), exp: nowSeconds() + 60 });

function invokeRequest(overrides: Record<string, unknown> = {}) {
  return {
    run_id: 'run_1',
    execution_id: 'exec_1',
    created_at: new Date().toISOString(),
    tool: { name: 'Forecast', toolkit: 'Weather', version: '1.0.0' },
    inputs: { city: 'Lisbon' },
    context: {
      authorization: { token: 'user-access-token' },
      secrets: { WEATHER_API_KEY: 'weather-key-123', OTHER_SECRET: 'other-secret-456' },
      user_id: 'ada@example.com',
      user_info: {},
    },
    ...overrides,
  };
}

/** An invoke response, or the error body of a 4xx. */
type Answer = Partial<ExecuteToolResponse> & {
  output: { value?: unknown; error?: ToolExecutionErrorOutput };
  finished_at: string;
  message: string;
};

async function invoke(body: unknown, token: string | null = signWorkerToken({ secret })) {
  const response = await fetch(`${worker.url}/worker/tools/invoke`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

describe('serveWorker', () => {
  it('answers health without authentication, counting every tool', async () => {
    const response = await fetch(`${worker.url}/worker/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', tool_count: 5 });
  });

  it('serves the tools’ Arcade definitions, the same the engine serves', async () => {
    const response = await fetch(`${worker.url}/worker/tools`, {
      headers: { authorization: `Bearer ${signWorkerToken({ secret })}` },
    });
    expect(response.status).toBe(200);
    const expected = [weatherV1, weatherV2].flatMap((toolkit) =>
      toolkit.tools.map((tool) => toToolDefinition({ tool, toolkit })),
    );
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('runs a tool and answers the invoke response, logs at the top level', async () => {
    const { status, body } = await invoke(invokeRequest());
    expect(status).toBe(200);
    expect(body).toEqual({
      execution_id: 'exec_1',
      finished_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      duration: expect.any(Number),
      success: true,
      output: { value: { city: 'Lisbon', sky: 'clear', keyLength: 15 } },
      // The secret's value is redacted from what the tool logged.
      logs: [{ level: 'info', message: 'forecast for Lisbon with key [redacted]' }],
    });
    expect(Date.parse(body.finished_at)).toBeLessThanOrEqual(Date.now());
  });

  it('routes to the pinned toolkit version', async () => {
    const { body } = await invoke(
      invokeRequest({ tool: { name: 'forecast', toolkit: 'weather', version: '2.0.0' } }),
    );
    expect(body.output).toEqual({ value: { city: 'Lisbon', version: 2 } });
  });

  it('answers a tool’s error in the Arcade error shape', async () => {
    const { status, body } = await invoke(
      invokeRequest({ tool: { name: 'Flaky', toolkit: 'Weather', version: '1.0.0' }, inputs: {} }),
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ execution_id: 'exec_1', success: false, logs: [] });
    expect(body.output).toEqual({
      error: {
        message: 'The weather service is busy.',
        kind: 'TOOL_RUNTIME_RETRY',
        can_retry: true,
        additional_prompt_content: 'Try again in a minute.',
        retry_after_ms: 60_000,
      },
    });
  });

  it('gives bad arguments back as TOOL_RUNTIME_BAD_INPUT_VALUE naming the field', async () => {
    const { body } = await invoke(invokeRequest({ inputs: { city: '' } }));
    expect(body.success).toBe(false);
    expect(body.output.error?.kind).toBe('TOOL_RUNTIME_BAD_INPUT_VALUE');
    expect(body.output.error?.message).toMatch(/'city'/);
  });

  it('a tool that did not declare a secret or auth cannot read them', async () => {
    const { body } = await invoke(
      invokeRequest({ tool: { name: 'Snoop', toolkit: 'Weather', version: '1.0.0' }, inputs: {} }),
    );
    expect(body.success).toBe(true);
    expect(body.output.value).toEqual({
      secret: { refused: 'SecretNotDeclaredError' },
      token: { refused: 'AuthNotDeclaredError' },
    });
    expect(JSON.stringify(body)).not.toContain('weather-key-123');
    expect(JSON.stringify(body)).not.toContain('user-access-token');
  });

  it('passes the user and the credential for the tool’s own requirement', async () => {
    const { body } = await invoke(
      invokeRequest({ tool: { name: 'Inbox', toolkit: 'Weather', version: '1.0.0' }, inputs: {} }),
    );
    expect(body.output).toEqual({ value: { user: 'ada@example.com', tokenMatches: true } });
  });

  it("accepts a request as Arcade's engine sends it: secrets as a list, user_info under authorization, a token without exp", async () => {
    const { status, body } = await invoke(
      invokeRequest({
        context: {
          authorization: { token: 'user-access-token', user_info: { login: 'ada' } },
          secrets: [
            { key: 'WEATHER_API_KEY', value: 'weather-key-123' },
            { key: 'OTHER_SECRET', value: 'other-secret-456' },
          ],
          user_id: 'ada@example.com',
        },
      }),
      forge({ aud: 'worker', ver: '1' }),
    );
    expect(status).toBe(200);
    expect(body.output.value).toEqual({ city: 'Lisbon', sky: 'clear', keyLength: 15 });
    expect(JSON.stringify(body)).not.toContain('weather-key-123');
  });

  it('reports a missing declared secret or credential as TOOL_REQUIREMENTS_NOT_MET', async () => {
    const noSecret = await invoke(invokeRequest({ context: { user_id: 'ada@example.com' } }));
    expect(noSecret.body.output.error).toMatchObject({
      kind: 'TOOL_REQUIREMENTS_NOT_MET',
      message: expect.stringContaining("'WEATHER_API_KEY'"),
    });
    const noToken = await invoke(
      invokeRequest({
        tool: { name: 'Inbox', toolkit: 'Weather', version: '1.0.0' },
        inputs: {},
        context: { user_id: 'ada@example.com' },
      }),
    );
    expect(noToken.body.output.error?.kind).toBe('TOOL_REQUIREMENTS_NOT_MET');
    expect(noToken.body.output.error?.message).toMatch(/provider 'testkit'/);
  });

  describe('unknown tools', () => {
    it.each([
      [{ name: 'Forecast', toolkit: 'Mail', version: '1.0.0' }, "no toolkit 'Mail'"],
      [{ name: 'Forecast', toolkit: 'Weather', version: '9.9.9' }, "1.0.0, 2.0.0, not '9.9.9'"],
      [{ name: 'Radar', toolkit: 'Weather', version: '1.0.0' }, "no tool 'Radar'"],
    ])('answers 404 for %j naming it', async (tool, named) => {
      const { status, body } = await invoke(invokeRequest({ tool }));
      expect(status).toBe(404);
      expect(body.message).toContain(named);
    });
  });

  describe('schema violations get 400 naming the field', () => {
    it('an unknown top-level field', async () => {
      const { status, body } = await invoke({ ...invokeRequest(), priority: 'high' });
      expect(status).toBe(400);
      expect(body).toMatchObject({ code: 'invalid_request', status: 400 });
      expect(body.message).toContain("unknown top-level field 'priority'");
    });

    it('a missing tool.version', async () => {
      const { status, body } = await invoke(
        invokeRequest({ tool: { name: 'Forecast', toolkit: 'Weather' } }),
      );
      expect(status).toBe(400);
      expect(body.message).toContain("'tool.version' is required");
    });

    it('a secret that is not a string, without echoing its value', async () => {
      const { status, body } = await invoke(
        invokeRequest({ context: { secrets: { WEATHER_API_KEY: { value: 'weather-key-123' } } } }),
      );
      expect(status).toBe(400);
      expect(body.message).toContain("'context.secrets.WEATHER_API_KEY' must be a string");
      expect(body.message).not.toContain('weather-key-123');
    });

    it('a body that is not JSON', async () => {
      const { status, body } = await invoke('{"run_id":');
      expect(status).toBe(400);
      expect(body.message).toMatch(/not valid JSON/);
    });
  });

  describe('authentication', () => {
    const rejected = async (token: string | null, header?: string) => {
      const response = await fetch(`${worker.url}/worker/tools/invoke`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(header !== undefined
            ? { authorization: header }
            : token === null
              ? {}
              : { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify(invokeRequest()),
      });
      expect(response.status).toBe(401);
      const challenge = response.headers.get('www-authenticate') ?? '';
      expect(challenge).toMatch(/^Bearer /);
      return { challenge, body: (await response.json()) as { message: string } };
    };

    it('rejects a missing Authorization header', async () => {
      const { challenge, body } = await rejected(null);
      expect(challenge).toBe('Bearer realm="worker"');
      expect(body.message).toMatch(/Missing 'Authorization: Bearer <token>' header/);
    });

    it('rejects a header that is not Bearer', async () => {
      const { challenge } = await rejected(null, `Basic ${btoa('a:b')}`);
      expect(challenge).toContain('error="invalid_token"');
    });

    it('rejects a token forged with another secret', async () => {
      const { challenge, body } = await rejected(forge(validClaims(), 'not-the-secret'));
      expect(challenge).toContain('error="invalid_token"');
      expect(body.message).toMatch(/not signed with this worker's secret/);
      expect(body.message).not.toContain(secret);
    });

    it('rejects a token whose header text would break the WWW-Authenticate header', async () => {
      const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const token = `${encode({ alg: 'snow☃"\r\nx-injected: 1' })}.${encode(validClaims())}.c2ln`;
      const response = await fetch(`${worker.url}/worker/tools`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('x-injected')).toBeNull();
      expect(response.headers.get('www-authenticate')).toMatch(
        /^Bearer realm="worker", error="invalid_token", error_description="The token's algorithm is 'snow\?/,
      );
    });

    it('rejects an expired token', async () => {
      const { body } = await rejected(forge({ ...validClaims(), exp: nowSeconds() - 120 }));
      expect(body.message).toMatch(/expired/);
    });

    it('rejects a token for another audience', async () => {
      const { body } = await rejected(forge({ ...validClaims(), aud: 'engine' }));
      expect(body.message).toMatch(/audience is "engine"/);
    });

    it('rejects a token without ver', async () => {
      const { body } = await rejected(forge({ ...validClaims(), ver: undefined }));
      expect(body.message).toMatch(/'ver' is null/);
    });

    it('rejects a token that expires too far ahead', async () => {
      const { body } = await rejected(forge({ ...validClaims(), exp: nowSeconds() + 24 * 3600 }));
      expect(body.message).toMatch(/expire within 300 s/);
    });

    it('protects the tool list too', async () => {
      const response = await fetch(`${worker.url}/worker/tools`);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="worker"');
    });
  });

  it('answers an unknown route with 404 listing the routes', async () => {
    const response = await fetch(`${worker.url}/v1/tools`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as Answer).message).toMatch(/POST \/worker\/tools\/invoke/);
  });
});

describe('serveWorker options', () => {
  it('refuses an empty secret, and duplicate toolkits', async () => {
    await expect(serveWorker({ toolkits: [weatherV1], secret: '', port: 0 })).rejects.toThrow(
      /TOOLGRANT_WORKER_SECRET/,
    );
    await expect(
      serveWorker({ toolkits: [weatherV1, weatherV1], secret, port: 0 }),
    ).rejects.toThrow(/'Weather@1.0.0' is passed twice/);
    await expect(serveWorker({ toolkits: [], secret, port: 0 })).rejects.toThrow(
      /at least one toolkit/,
    );
  });

  it('close() lets a call in progress finish, then stops listening', async () => {
    const slow = defineToolkit({
      name: 'Slow',
      version: '1.0.0',
      tools: [
        defineTool({
          name: 'Wait',
          description: 'Answers after 300 ms.',
          input: z.object({}),
          execute: () => sleep(300).then(() => 'done'),
        }),
      ],
    });
    const server = await serveWorker({ toolkits: [slow], secret, port: 0 });
    const call = fetch(`${server.url}/worker/tools/invoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${signWorkerToken({ secret })}` },
      body: JSON.stringify(
        invokeRequest({ tool: { name: 'Wait', toolkit: 'Slow', version: '1.0.0' }, inputs: {} }),
      ),
    });
    await sleep(100);
    const closed = server.close();
    const response = await call;
    expect(await response.json()).toMatchObject({ success: true, output: { value: 'done' } });
    await closed;
    await expect(fetch(`${server.url}/worker/health`)).rejects.toThrow();
  });
});

import type { AddressInfo } from 'node:net';
import Arcade, {
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
} from '@arcadeai/arcadejs';
import { serve } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  bulkToolCount,
  bulkToolkit,
  demoToolkit,
  mailProvider,
  mailScope,
  oldDemoToolkit,
} from '../../test/demo-toolkits.js';
import {
  InMemoryCredentialResolver,
  InMemorySecretResolver,
} from '../../test/in-memory-resolvers.js';
import type { EngineLogger } from '../shared/engine-logger.js';
import { createEngineApp } from './create-engine-app.js';

// The HTTP API over a real server, driven by the official client as applications use it.

const apiKey = 'tg_test_key_0123456789';
const aliceToken = 'alice-access-token-5f1e2d3c4b5a';

const credentials = new InMemoryCredentialResolver();
const secrets = new InMemorySecretResolver();
const loggedErrors: string[] = [];
const logger: EngineLogger = {
  debug() {},
  info() {},
  warn() {},
  error(message, fields) {
    loggedErrors.push(`${message} ${JSON.stringify(fields)}`);
  },
};

let server: ReturnType<typeof serve>;
let baseURL: string;
let client: Arcade;
const responseBodies: string[] = [];

beforeAll(async () => {
  const { fetch } = createEngineApp({
    toolkits: [demoToolkit, oldDemoToolkit, bulkToolkit],
    apiKeys: ['another-key', apiKey],
    credentials,
    secrets,
    logger,
  });
  // Every body the engine sends, to check that no token or key is ever in one.
  const recordingFetch = async (request: Request) => {
    const response = await fetch(request);
    responseBodies.push(await response.clone().text());
    return response;
  };
  await new Promise<void>((resolve) => {
    server = serve({ fetch: recordingFetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = new Arcade({ apiKey, baseURL, maxRetries: 0 });
  credentials.grant({
    userId: 'alice',
    providerId: mailProvider,
    scopes: [mailScope],
    token: aliceToken,
  });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  const everything = responseBodies.join('\n');
  expect(everything).not.toContain(aliceToken);
  expect(everything).not.toContain(apiKey);
  expect(everything).not.toContain('weather-secret-value');
});

afterEach(() => {
  credentials.failWith = undefined;
});

/** Waits for a condition the server reaches asynchronously, failing after two seconds. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the condition did not hold within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('GET /v1/health', () => {
  it('answers without an API key', async () => {
    const response = await fetch(`${baseURL}/v1/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ healthy: true });
    await expect(client.health.check()).resolves.toEqual({ healthy: true });
  });
});

describe('API keys', () => {
  it('refuses a wrong key with 401 naming the Authorization header', async () => {
    const wrong = new Arcade({ apiKey: 'not-a-key', baseURL, maxRetries: 0 });
    const error = await wrong.tools.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect((error as AuthenticationError).message).toContain("'Authorization' header");
    expect((error as AuthenticationError).message).not.toContain('not-a-key');
  });

  it('refuses a request without a key with 401 in the envelope', async () => {
    const response = await fetch(`${baseURL}/v1/tools`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      name: 'unauthorized',
      code: 'missing_api_key',
      status: 401,
      message: expect.stringContaining("Set the 'Authorization' header"),
    });
  });

  it('accepts any configured key, bare or as a Bearer token', async () => {
    for (const authorization of [apiKey, `Bearer ${apiKey}`, 'bearer another-key']) {
      const response = await fetch(`${baseURL}/v1/tools?limit=1`, { headers: { authorization } });
      expect(response.status).toBe(200);
    }
  });
});

describe('GET /v1/tools', () => {
  it('pages through every tool with for await, newest version of each', async () => {
    const names: string[] = [];
    for await (const tool of client.tools.list({ limit: 10 }))
      names.push(tool.fully_qualified_name);
    expect(names).toHaveLength(bulkToolCount + demoToolkit.tools.length);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('Demo.Echo@1.2.0');
    expect(names).not.toContain('Demo.Echo@0.9.0');

    const firstPage = await client.tools.list({ limit: 10 });
    expect(firstPage.items).toHaveLength(10);
    expect(firstPage.total_count).toBe(names.length);
    expect(firstPage.offset).toBe(0);
  });

  it('answers the page fields, lowers a limit above 100 and lists all versions on request', async () => {
    const response = await fetch(
      `${baseURL}/v1/tools?toolkit=demo&limit=500&include_all_versions=true`,
      {
        headers: { authorization: apiKey },
      },
    );
    const page = (await response.json()) as Record<string, unknown> & {
      items: { fully_qualified_name: string }[];
    };
    expect(page).toMatchObject({ total_count: 5, offset: 0, limit: 100, page_count: 5 });
    expect(page.items.map((tool) => tool.fully_qualified_name)).toContain('Demo.Echo@0.9.0');
  });

  it('filters by toolkit without regard to case', async () => {
    const page = await client.tools.list({ toolkit: 'demo' });
    expect(page.items.map((tool) => tool.qualified_name).sort()).toEqual([
      'Demo.Echo',
      'Demo.Flaky',
      'Demo.Forecast',
      'Demo.ListEmails',
    ]);
  });

  it("reports the requirements' status for a user", async () => {
    const forAlice = await client.tools.list({ toolkit: 'Demo', user_id: 'alice' });
    const forBob = await client.tools.list({ toolkit: 'Demo', user_id: 'bob' });
    const listEmails = (page: typeof forAlice) =>
      page.items.find((tool) => tool.name === 'ListEmails')?.requirements;
    expect(listEmails(forAlice)).toEqual({
      authorization: {
        provider_id: mailProvider,
        provider_type: 'oauth2',
        oauth2: { scopes: [mailScope] },
        token_status: 'completed',
      },
      secrets: [],
      met: true,
    });
    expect(listEmails(forBob)).toMatchObject({
      authorization: { token_status: 'not_started' },
      met: false,
    });
    const forecast = forBob.items.find((tool) => tool.name === 'Forecast')?.requirements;
    expect(forecast).toEqual({
      authorization: null,
      secrets: [{ key: 'WEATHER_API_KEY', met: false }],
      met: false,
    });
  });

  it('includes model formats under formatted_schema', async () => {
    const page = await client.tools.list({
      toolkit: 'Demo',
      include_format: ['openai', 'anthropic'],
    });
    const echo = page.items.find((tool) => tool.name === 'Echo');
    expect(echo?.formatted_schema).toMatchObject({
      openai: { type: 'function', function: { name: 'Demo_Echo' } },
      anthropic: { name: 'Demo_Echo', input_schema: { type: 'object', required: ['text'] } },
    });
  });

  it('refuses a bad query parameter with a 400 saying what to send', async () => {
    const error = await client.tools.list({ limit: 0 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).message).toContain(
      'limit must be a whole number from 1 to 100',
    );
  });
});

describe('GET /v1/tools/{name}', () => {
  it.each(['Demo.ListEmails', 'Demo_ListEmails', 'Demo.ListEmails@1.2.0', 'demo.listemails'])(
    'finds %s',
    async (name) => {
      const tool = await client.tools.get(name, { user_id: 'alice' });
      expect(tool.fully_qualified_name).toBe('Demo.ListEmails@1.2.0');
      expect(tool.requirements?.authorization?.token_status).toBe('completed');
      expect(tool.input.parameters).toEqual([
        expect.objectContaining({ name: 'max_results', required: false }),
      ]);
    },
  );

  it('serves an older version when asked for it', async () => {
    const tool = await client.tools.get('Demo.Echo@0.9.0');
    expect(tool.fully_qualified_name).toBe('Demo.Echo@0.9.0');
  });

  it('answers an unknown tool with 404 naming it and suggesting close names', async () => {
    const error = await client.tools.get('Demo.Ecko').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain("no tool named 'Demo.Ecko'");
    expect((error as NotFoundError).message).toContain("Did you mean 'Demo.Echo'");
    expect((error as NotFoundError).error).toMatchObject({ code: 'tool_not_found', status: 404 });
  });

  it('answers a version it does not serve with 404 listing those it does', async () => {
    const error = await client.tools.get('Demo.Echo@3.0.0').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain("the engine serves '1.2.0', '0.9.0'");
  });
});

describe('/v1/formatted_tools', () => {
  it('pages through the tools in OpenAI format', async () => {
    const tools: Record<string, unknown>[] = [];
    for await (const tool of client.tools.formatted.list({ format: 'openai', limit: 7 }))
      tools.push(tool);
    expect(tools).toHaveLength(bulkToolCount + demoToolkit.tools.length);
    expect(tools).toContainEqual({
      type: 'function',
      function: expect.objectContaining({
        name: 'Demo_Echo',
        description: 'Returns the text it is given.',
        parameters: expect.objectContaining({ required: ['text'] }),
      }),
    });
  });

  it('gets one tool in Anthropic format by any of its names', async () => {
    const tool = await client.tools.formatted.get('Demo_Forecast', { format: 'anthropic' });
    expect(tool).toMatchObject({ name: 'Demo_Forecast', input_schema: { required: ['city'] } });
  });

  it('refuses an unknown format naming the ones it knows', async () => {
    const error = await client.tools.formatted
      .get('Demo.Echo', { format: 'gemini' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).message).toContain("format must be 'openai' or 'anthropic'");
  });
});

describe('POST /v1/tools/execute', () => {
  it('runs a tool that needs nothing and answers the execution', async () => {
    const response = await client.tools.execute({
      tool_name: 'Demo.Echo',
      input: { text: 'hello' },
      user_id: 'bob',
    });
    expect(response).toMatchObject({
      execution_type: 'immediate',
      status: 'success',
      success: true,
      output: { value: { echoed: 'hello' }, logs: [] },
    });
    expect(response.id).toBe(response.execution_id);
    expect(Number.isNaN(Date.parse(response.finished_at ?? ''))).toBe(false);
    expect(response.duration).toBeGreaterThanOrEqual(0);
  });

  it('runs the version asked for by tool_version', async () => {
    const response = await client.tools.execute({
      tool_name: 'Demo_Echo',
      tool_version: '0.9.0',
      input: { text: 'old' },
      user_id: 'bob',
    });
    expect(response.output?.value).toEqual({ echoed: 'old' });
  });

  it('reports bad arguments as an execution error naming the field', async () => {
    const response = await client.tools.execute({
      tool_name: 'Demo.Echo',
      input: { text: 42 },
      user_id: 'bob',
    });
    expect(response.success).toBe(false);
    expect(response.status).toBe('failed');
    expect(response.output?.error).toMatchObject({
      kind: 'TOOL_RUNTIME_BAD_INPUT_VALUE',
      can_retry: false,
      message: expect.stringContaining("'text'"),
    });
  });

  it('maps a retryable tool error to can_retry with the hint for the model', async () => {
    const response = await client.tools.execute({ tool_name: 'Demo.Flaky', user_id: 'bob' });
    expect(response.output?.error).toMatchObject({
      kind: 'TOOL_RUNTIME_RETRY',
      can_retry: true,
      additional_prompt_content: 'Wait a moment, then call again.',
    });
  });

  it('answers a user without authorization with 403 (PermissionDeniedError)', async () => {
    const error = await client.tools
      .execute({ tool_name: 'Demo.ListEmails', input: {}, user_id: 'bob' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as PermissionDeniedError).message).toContain(
      "Authorization required: user 'bob' has not authorized tool 'Demo.ListEmails'",
    );
    expect((error as PermissionDeniedError).message).toContain('POST /v1/tools/authorize');
  });

  it("runs an authorized tool with the user's own credential", async () => {
    const response = await client.tools.execute({
      tool_name: 'Demo.ListEmails',
      input: { max_results: 3 },
      user_id: 'alice',
    });
    expect(response.output).toEqual({
      value: { userId: 'alice', count: 3, tokenLength: aliceToken.length },
      logs: [{ level: 'info', message: 'listing emails' }],
    });
  });

  it('names a missing secret (TOOL_REQUIREMENTS_NOT_MET), and runs once it is set', async () => {
    const missing = await client.tools.execute({
      tool_name: 'Demo.Forecast',
      input: { city: 'Lisbon' },
      user_id: 'bob',
    });
    expect(missing.success).toBe(false);
    expect(missing.output?.error).toMatchObject({
      kind: 'TOOL_REQUIREMENTS_NOT_MET',
      message: expect.stringContaining("'WEATHER_API_KEY'"),
    });

    await client.admin.secrets.create('WEATHER_API_KEY', { value: 'weather-secret-value' });
    const ran = await client.tools.execute({
      tool_name: 'Demo.Forecast',
      input: { city: 'Lisbon' },
      user_id: 'bob',
    });
    expect(ran.output?.value).toEqual({ city: 'Lisbon', keyLength: 'weather-secret-value'.length });
    await client.admin.secrets.delete('WEATHER_API_KEY');
  });

  it('answers an unknown tool with 404 and a suggestion', async () => {
    const error = await client.tools
      .execute({ tool_name: 'Demo.ListEmail', user_id: 'alice' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain("Did you mean 'Demo.ListEmails'");
  });

  it('runs a tool that needs no authorization without a user_id', async () => {
    const response = await client.tools.execute({ tool_name: 'Demo.Echo', input: { text: 'hi' } });
    expect(response.success).toBe(true);
    expect(response.output?.value).toEqual({ echoed: 'hi' });
  });

  it('refuses a tool that acts for a user without user_id, with 400 saying what to pass', async () => {
    const error = await client.tools
      .execute({ tool_name: 'Demo.ListEmails' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).message).toContain(
      "user_id is required: tool 'Demo.ListEmails' acts for an end user",
    );
  });
});

describe('authorization', () => {
  it('POST /v1/tools/authorize starts a flow for the tool, completed at once when covered', async () => {
    const pending = await client.tools.authorize({
      tool_name: 'Demo_ListEmails',
      user_id: 'carol',
    });
    expect(pending).toEqual({
      id: expect.any(String),
      status: 'pending',
      url: `https://consent.example/authorize/${pending.id}`,
      provider_id: mailProvider,
      scopes: [mailScope],
      user_id: 'carol',
    });
    const covered = await client.tools.authorize({
      tool_name: 'Demo.ListEmails',
      user_id: 'alice',
    });
    expect(covered.status).toBe('completed');
    expect(covered.url).toBeUndefined();
    const nothingNeeded = await client.tools.authorize({
      tool_name: 'Demo.Echo',
      user_id: 'carol',
    });
    expect(nothingNeeded.status).toBe('completed');
  });

  it('waitForCompletion returns when the flow completes, then execute runs', async () => {
    const authorization = await client.tools.authorize({
      tool_name: 'Demo.ListEmails',
      user_id: 'dave',
    });
    const waiting = client.auth.waitForCompletion(authorization);
    setTimeout(
      () => credentials.complete({ flowId: authorization.id ?? '', token: 'dave-token-123456' }),
      50,
    );
    const startedAt = Date.now();
    await expect(waiting).resolves.toMatchObject({ status: 'completed', user_id: 'dave' });
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    const response = await client.tools.execute({ tool_name: 'Demo.ListEmails', user_id: 'dave' });
    expect(response.success).toBe(true);
  });

  it('POST /v1/auth/authorize and GET /v1/auth/status', async () => {
    const started = await client.auth.start('erin', mailProvider, { scopes: [mailScope] });
    expect(started).toMatchObject({
      status: 'pending',
      provider_id: mailProvider,
      user_id: 'erin',
    });
    const status = await client.auth.status({ id: started.id ?? '' });
    expect(status.status).toBe('pending');

    const error = await client.auth
      .status({ id: 'flow_unknown' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it('caps the long-poll at 59 seconds and stops waiting when the client goes away', async () => {
    const started = await client.auth.start('hank', mailProvider, { scopes: [mailScope] });
    const id = started.id ?? '';
    const controller = new AbortController();
    const request = fetch(`${baseURL}/v1/auth/status?id=${id}&wait=120`, {
      headers: { authorization: apiKey },
      signal: controller.signal,
    }).catch((error: unknown) => error);
    const waiters = credentials.flows.get(id)?.waiters;
    await until(() => waiters?.size === 1);
    expect(credentials.lastWaitSeconds).toBe(59);
    controller.abort();
    await request;
    await until(() => waiters?.size === 0);
  });

  it('refuses an auth requirement without a provider', async () => {
    const error = await client.auth
      .authorize({ user_id: 'erin', auth_requirement: { provider_type: 'oauth2' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).message).toContain('auth_requirement needs provider_id');
  });

  it('POST /v1/auth/confirm_user delegates and answers auth_id and next_uri', async () => {
    const started = await client.auth.start('frank', mailProvider);
    await expect(
      client.auth.confirmUser({ flow_id: started.id ?? '', user_id: 'frank' }),
    ).resolves.toEqual({
      auth_id: started.id,
      next_uri: 'https://app.example/done',
    });
    await expect(
      client.auth.confirmUser({ flow_id: started.id ?? '', user_id: 'mallory' }),
    ).rejects.toBeInstanceOf(BadRequestError);
  });
});

describe('/v1/admin', () => {
  it('lists and deletes user connections', async () => {
    credentials.grant({
      userId: 'gina',
      providerId: mailProvider,
      scopes: [mailScope],
      token: 'gina-token-0001',
    });
    const listed = [];
    for await (const connection of client.admin.userConnections.list({ user_id: 'gina' }))
      listed.push(connection);
    expect(listed).toEqual([
      {
        id: `gina:${mailProvider}`,
        connection_id: `gina:${mailProvider}`,
        connection_status: 'active',
        provider_id: mailProvider,
        provider_type: 'oauth2',
        scopes: [mailScope],
        user_id: 'gina',
      },
    ]);
    await client.admin.userConnections.delete(`gina:${mailProvider}`);
    expect(credentials.grants.has(`gina:${mailProvider}`)).toBe(false);
    await expect(
      client.admin.userConnections.delete(`gina:${mailProvider}`),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('sets, lists (keys only) and deletes secrets', async () => {
    const saved = await client.admin.secrets.create('MAPS_KEY', {
      value: 'maps-secret-value',
      description: 'Maps',
    });
    expect(saved).toMatchObject({ id: 'MAPS_KEY', key: 'MAPS_KEY', description: 'Maps' });
    const listed = await client.admin.secrets.list();
    expect(listed.items?.map((secret) => secret.key)).toEqual(['MAPS_KEY']);
    expect(JSON.stringify(listed)).not.toContain('maps-secret-value');
    await client.admin.secrets.delete('MAPS_KEY');
    expect(secrets.values.has('MAPS_KEY')).toBe(false);
    await expect(client.admin.secrets.delete('MAPS_KEY')).rejects.toBeInstanceOf(NotFoundError);
    const badKey = await client.admin.secrets
      .create('no spaces', { value: 'x' })
      .catch((caught: unknown) => caught);
    expect(badKey).toBeInstanceOf(BadRequestError);
  });
});

describe('the error envelope', () => {
  it('answers an unknown route with 404', async () => {
    const response = await fetch(`${baseURL}/v1/nothing-here`, {
      headers: { authorization: apiKey },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      name: 'not_found',
      code: 'route_not_found',
      status: 404,
    });
  });

  it('answers malformed JSON with 400', async () => {
    const response = await fetch(`${baseURL}/v1/tools/execute`, {
      method: 'POST',
      headers: { authorization: apiKey, 'content-type': 'application/json' },
      body: '{"tool_name": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'malformed_json',
      message: expect.stringContaining('not valid JSON'),
    });
  });

  it('answers a body that is not JSON with 400 naming the content type', async () => {
    const response = await fetch(`${baseURL}/v1/tools/execute`, {
      method: 'POST',
      headers: { authorization: apiKey, 'content-type': 'text/plain' },
      body: 'tool_name=Demo.Echo',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain(
      'Content-Type: application/json',
    );
  });

  it('answers an internal failure with 500 without its details, and logs it', async () => {
    credentials.failWith = new Error('database password=hunter2 rejected');
    const error = await client.tools
      .execute({ tool_name: 'Demo.ListEmails', user_id: 'alice' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).message).not.toContain('hunter2');
    expect((error as InternalServerError).error).toMatchObject({
      name: 'internal_error',
      status: 500,
    });
    expect(loggedErrors.at(-1)).toContain('POST /v1/tools/execute failed');
  });
});

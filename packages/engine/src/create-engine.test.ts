import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Arcade, { AuthenticationError } from '@arcadeai/arcadejs';
import { parseToolDefinition, runTool } from '@toolgrant/core';
import { type OAuthProvider, startOAuthProvider } from '@toolgrant/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInboxToolkit, testkitProviderId, utilityToolkit } from '../test/engine-toolkits.js';
import { createEngine, type Engine } from './create-engine.js';
import { EngineClientError } from './engine-client-error.js';
import { EngineLifecycleError } from './engine-lifecycle-error.js';
import { InvalidEngineConfigError } from './invalid-engine-config-error.js';
import { generatedApiKeyFileName } from './load-generated-api-key.js';
import type { EngineLogger } from './shared/engine-logger.js';

// The composed engine with real parts: the testkit's OAuth provider, a SQLite store in a
// temporary directory, the official client over HTTP and the in-process client without one.

const clientId = 'toolgrant-engine';
const clientSecret = 'engine-client-secret-0123456789abcdef';

const logLines: string[] = [];
const logger: EngineLogger = {
  debug: (message, fields) => logLines.push(`debug ${message} ${JSON.stringify(fields ?? {})}`),
  info: (message, fields) => logLines.push(`info ${message} ${JSON.stringify(fields ?? {})}`),
  warn: (message, fields) => logLines.push(`warn ${message} ${JSON.stringify(fields ?? {})}`),
  error: (message, fields) => logLines.push(`error ${message} ${JSON.stringify(fields ?? {})}`),
};

let provider: OAuthProvider;
const directories: string[] = [];
const engines: Engine[] = [];

async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'toolgrant-engine-'));
  directories.push(directory);
  return directory;
}

async function startEngine(
  options: Partial<Parameters<typeof createEngine>[0]> = {},
): Promise<Engine> {
  const engine = await createEngine({
    toolkits: [utilityToolkit, createInboxToolkit({ inboxUrl: provider.inboxUrl })],
    providers: [
      {
        id: testkitProviderId,
        clientId,
        clientSecret,
        authorizeUrl: provider.authorizationEndpoint,
        tokenUrl: provider.tokenEndpoint,
        revokeUrl: provider.revocationEndpoint,
      },
    ],
    dataDirectory: await temporaryDirectory(),
    devMode: true,
    environment: {},
    logger,
    ...options,
  });
  engines.push(engine);
  return engine;
}

beforeAll(async () => {
  provider = await startOAuthProvider();
});

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
});

afterAll(async () => {
  await provider.close();
  await Promise.all(
    directories.map((directory) => rm(directory, { recursive: true, force: true })),
  );
});

describe('createEngine over HTTP', () => {
  it('serves the official client: lists tools and executes a tool without requirements', async () => {
    const engine = await startEngine();
    const { url } = await engine.listen({ port: 0 });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(engine.url).toBe(url);
    expect(engine.baseUrl).toBe(url);
    expect(engine.redirectUri).toBe(`${url}/v1/oauth/callback`);

    const client = new Arcade({ apiKey: engine.apiKeys[0], baseURL: url, maxRetries: 0 });
    const page = await client.tools.list({ toolkit: 'Utility' });
    expect(page.items.map((tool) => tool.qualified_name).sort()).toEqual([
      'Utility.Echo',
      'Utility.Sleep',
    ]);
    const result = await client.tools.execute({
      tool_name: 'Utility.Echo',
      input: { text: 'hello' },
      user_id: 'alice',
    });
    expect(result.success).toBe(true);
    expect(result.output?.value).toEqual({ echoed: 'hello' });

    const wrongKey = new Arcade({ apiKey: 'not-a-key', baseURL: url, maxRetries: 0 });
    await expect(wrongKey.tools.list()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('runs an OAuth authorization end to end: consent at the provider, then the tool reads the inbox', async () => {
    const engine = await startEngine();
    const { url } = await engine.listen({ port: 0 });
    provider.addClient({ clientId, clientSecret, redirectUris: [engine.redirectUri] });
    const client = new Arcade({ apiKey: engine.apiKeys[0], baseURL: url, maxRetries: 0 });

    const authorization = await client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'alice',
    });
    expect(authorization.status).toBe('pending');
    expect(authorization.url?.startsWith(`${url}/v1/oauth/`)).toBe(true);
    const consent = await provider.completeConsent({
      authorizationUrl: authorization.url ?? '',
      username: 'alice',
      password: 'alice-password',
    });
    expect(consent.callback?.status).toBe(200);
    const completed = await client.auth.waitForCompletion(authorization);
    expect(completed.status).toBe('completed');

    const result = await client.tools.execute({
      tool_name: 'Inbox.ListMessages',
      user_id: 'alice',
    });
    expect(result.success).toBe(true);
    expect(result.output?.value).toMatchObject({ user: { id: 'alice' } });
  });
});

describe('the in-process client', () => {
  it('lists and executes tools without a socket, and core runTool works with it', async () => {
    // Never listens: there is no server to reach.
    const engine = await startEngine();
    expect(engine.url).toBeUndefined();

    const page = await engine.client.tools.list({ toolkit: 'Utility' });
    expect(page.total_count).toBe(2);
    const result = await engine.client.tools.execute({
      tool_name: 'Utility_Echo',
      input: { text: 'in process' },
      user_id: 'alice',
    });
    expect(result.output?.value).toEqual({ echoed: 'in process' });

    const formatted = await engine.client.tools.formatted.list({
      format: 'openai',
      toolkit: 'Utility',
    });
    expect(formatted.items).toHaveLength(2);

    const definition = parseToolDefinition(await engine.client.tools.get('Utility.Echo'));
    const outcome = await runTool({
      client: engine.client,
      definition,
      input: { text: 'through core' },
      userId: 'alice',
    });
    expect(outcome).toEqual({ type: 'completed', value: { echoed: 'through core' } });
  });

  it('throws errors with the HTTP status and the envelope message, which core classifies', async () => {
    const engine = await startEngine();

    const notFound = await engine.client.tools.get('Utility.Ech').catch((error: unknown) => error);
    expect(EngineClientError.isInstance(notFound)).toBe(true);
    expect((notFound as EngineClientError).status).toBe(404);
    expect((notFound as EngineClientError).name).toBe('NotFoundError');
    expect((notFound as EngineClientError).message).toMatch(/^404 .*Utility\.Ech/);
    expect((notFound as EngineClientError).message).toContain('Utility.Echo');

    const refused = await engine.client.tools
      .execute({ tool_name: 'Inbox.ListMessages', user_id: 'carol' })
      .catch((error: unknown) => error);
    expect((refused as EngineClientError).status).toBe(403);
    expect((refused as EngineClientError).name).toBe('PermissionDeniedError');

    // core reads the 403 as "authorization required" and starts one.
    const definition = parseToolDefinition(await engine.client.tools.get('Inbox.ListMessages'));
    const outcome = await runTool({
      client: engine.client,
      definition,
      input: {},
      userId: 'carol',
    });
    expect(outcome.type).toBe('authorization_required');
    if (outcome.type === 'authorization_required') {
      expect(outcome.authorization.providerId).toBe(testkitProviderId);
      expect(outcome.authorization.url).toContain('/v1/oauth/start/');
    }
  });
});

describe('close', () => {
  it('answers a waiting long-poll with the current status and lets an execution in flight finish', async () => {
    const engine = await startEngine();
    const { url } = await engine.listen({ port: 0 });
    const client = new Arcade({ apiKey: engine.apiKeys[0], baseURL: url, maxRetries: 0 });
    const authorization = await client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'bob',
    });
    expect(authorization.status).toBe('pending');

    const started = Date.now();
    const longPoll = client.auth.status({ id: authorization.id ?? '', wait: 30 });
    const execution = client.tools.execute({
      tool_name: 'Utility.Sleep',
      input: { milliseconds: 400 },
      user_id: 'bob',
    });
    // Both requests are at the engine before it closes.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const closed = engine.close();

    const status = await longPoll;
    expect(status.status).toBe('pending');
    expect(Date.now() - started).toBeLessThan(5_000);
    const result = await execution;
    expect(result.output?.value).toEqual({ slept: 400 });
    await closed;

    // The server no longer accepts connections, and the in-process client is refused.
    await expect(fetch(`${url}/v1/health`)).rejects.toThrow();
    const refused = await engine.client.tools.list().catch((error: unknown) => error);
    expect((refused as EngineClientError).status).toBe(503);
  });

  it('refuses a second listen, and a listen after close, with a lifecycle error that says what to do', async () => {
    const engine = await startEngine();
    const { url } = await engine.listen({ port: 0 });
    const twice = await engine.listen({ port: 0 }).catch((error: unknown) => error);
    expect(EngineLifecycleError.isInstance(twice)).toBe(true);
    expect(twice).toMatchObject({
      operation: 'listen',
      state: 'listening',
      message: `engine.listen() was called, but the engine is already listening at ${url}; call listen once per engine.`,
    });
    expect(engine.url).toBe(url);

    // An engine closed before it ever listened.
    const closed = await startEngine();
    await closed.close();
    const afterClose = await closed.listen({ port: 0 }).catch((error: unknown) => error);
    expect(EngineLifecycleError.isInstance(afterClose)).toBe(true);
    expect(afterClose).toMatchObject({
      operation: 'listen',
      state: 'closed',
      message:
        'engine.listen() was called after engine.close(); create a new engine to listen again.',
    });
  });
});

describe('API keys', () => {
  it('generates one into the data directory and keeps it across a restart', async () => {
    const dataDirectory = await temporaryDirectory();
    const first = await startEngine({ dataDirectory });
    expect(first.apiKeySource).toBe('generated');
    expect(first.apiKeys).toHaveLength(1);
    const key = first.apiKeys[0] ?? '';
    expect(key).toMatch(/^tg_[A-Za-z0-9_-]{32}$/);
    const file = path.join(dataDirectory, generatedApiKeyFileName);
    expect(first.apiKeyFile).toBe(file);
    expect((await readFile(file, 'utf8')).trim()).toBe(key);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // The key is named by its file in the log, never by its value.
    expect(logLines.join('\n')).not.toContain(key);
    await first.close();

    const second = await startEngine({ dataDirectory });
    expect(second.apiKeys).toEqual([key]);
    const { url } = await second.listen({ port: 0 });
    const client = new Arcade({ apiKey: key, baseURL: url, maxRetries: 0 });
    await expect(client.tools.list({ toolkit: 'Utility' })).resolves.toMatchObject({
      total_count: 2,
    });
  });

  it('reads TOOLGRANT_API_KEYS, and configured keys win over the environment', async () => {
    const fromEnvironment = await startEngine({
      environment: { TOOLGRANT_API_KEYS: 'key-one, key-two' },
    });
    expect(fromEnvironment.apiKeys).toEqual(['key-one', 'key-two']);
    expect(fromEnvironment.apiKeySource).toBe('environment');

    const configured = await startEngine({
      apiKeys: ['configured-key'],
      environment: { TOOLGRANT_API_KEY: 'ignored-key' },
    });
    expect(configured.apiKeys).toEqual(['configured-key']);
    expect(configured.apiKeySource).toBe('config');
  });
});

describe('maxBodyBytes', () => {
  const executeWithBody = (engine: Engine, bytes: number) =>
    engine.fetch(
      new Request('http://engine.test/v1/tools/execute', {
        method: 'POST',
        headers: { authorization: engine.apiKeys[0] ?? '', 'content-type': 'application/json' },
        body: JSON.stringify({ tool_name: 'Utility.Echo', input: { text: 'x'.repeat(bytes) } }),
      }),
    );

  it('takes the option, else TOOLGRANT_MAX_BODY_BYTES, and answers a larger body with 413', async () => {
    const fromOption = await startEngine({ maxBodyBytes: 2048 });
    expect((await executeWithBody(fromOption, 4096)).status).toBe(413);
    expect((await executeWithBody(fromOption, 1024)).status).not.toBe(413);

    const fromEnvironment = await startEngine({
      environment: { TOOLGRANT_MAX_BODY_BYTES: '2048' },
    });
    const refused = await executeWithBody(fromEnvironment, 4096);
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { message: string }).message).toContain(
      "over this engine's limit of 2048 bytes",
    );
  });

  it('refuses a limit that is not a whole number of bytes, naming where it came from', async () => {
    const badOption = await createEngine({ maxBodyBytes: 0, environment: {} }).catch(
      (error: unknown) => error,
    );
    expect((badOption as Error).message).toBe(
      "createEngine: 'maxBodyBytes' must be 1 or more bytes, for example 1048576 (1 MiB).",
    );
    const badVariable = await createEngine({
      environment: { TOOLGRANT_MAX_BODY_BYTES: '1MB' },
    }).catch((error: unknown) => error);
    expect(InvalidEngineConfigError.isInstance(badVariable)).toBe(true);
    expect((badVariable as Error).message).toContain('TOOLGRANT_MAX_BODY_BYTES');
    expect((badVariable as Error).message).toContain('must be a whole number of bytes');
  });
});

describe('configuration errors', () => {
  it('names the field and the fix', async () => {
    const badPort = await createEngine({ port: 70_000, environment: {} }).catch(
      (error: unknown) => error,
    );
    expect(InvalidEngineConfigError.isInstance(badPort)).toBe(true);
    expect((badPort as InvalidEngineConfigError).field).toBe('port');
    expect((badPort as Error).message).toBe(
      "createEngine: 'port' must be a whole number from 0 to 65535.",
    );

    const unknownOption = await createEngine({
      ...({ apiKey: 'x' } as object),
      environment: {},
    }).catch((error: unknown) => error);
    expect((unknownOption as InvalidEngineConfigError).field).toBe('apiKey');
    expect((unknownOption as Error).message).toContain('apiKeys');

    const secret = 'a-secret-that-must-not-show';
    const badProvider = await createEngine({
      providers: [{ id: 'github', preset: 'github', clientId: secret } as never],
      environment: {},
    }).catch((error: unknown) => error);
    expect((badProvider as InvalidEngineConfigError).field).toBe('providers');
    expect((badProvider as Error).message).toContain("Provider 'github'");
    expect((badProvider as Error).message).toContain('clientSecret');
    expect((badProvider as Error).message).not.toContain(secret);
  });

  it('refuses to start without user verification unless dev mode is chosen, naming both', async () => {
    const dataDirectory = await temporaryDirectory();
    // Neither NODE_ENV being unset nor any other value turns dev mode on.
    for (const environment of [{}, { NODE_ENV: 'development' }, { NODE_ENV: 'production' }]) {
      const noVerification = await createEngine({ dataDirectory, environment }).catch(
        (error: unknown) => error,
      );
      expect(InvalidEngineConfigError.isInstance(noVerification)).toBe(true);
      expect((noVerification as InvalidEngineConfigError).field).toBe('userVerification');
      expect((noVerification as Error).message).toContain(
        "'userVerification' is required outside dev mode: set it to { verifierUrl:",
      );
      expect((noVerification as Error).message).toContain('set devMode: true');
      expect((noVerification as Error).message).toContain('toolgrant serve --dev');
    }
    // Nothing was written: no generated encryption key, no SQLite file.
    expect(await readdir(dataDirectory)).toEqual([]);

    const noKey = await createEngine({
      dataDirectory,
      userVerification: { verifierUrl: 'https://app.example.com/verify' },
      apiKeys: ['key'],
      environment: {},
    }).catch((error: unknown) => error);
    expect((noKey as Error).message).toContain(
      'TOOLGRANT_ENCRYPTION_KEY is not set (only dev mode',
    );
    expect((noKey as Error).message).toContain('devMode: true');
  });

  it('turns dev mode on only when asked: devMode: true or TOOLGRANT_DEV_MODE=true', async () => {
    const fromOption = await startEngine({ devMode: true });
    expect(fromOption.devMode).toBe(true);
    const fromVariable = await startEngine({
      devMode: undefined,
      environment: { TOOLGRANT_DEV_MODE: 'true' },
    });
    expect(fromVariable.devMode).toBe(true);
    // An explicit option wins over the variable.
    await expect(
      startEngine({ devMode: false, environment: { TOOLGRANT_DEV_MODE: 'true' } }),
    ).rejects.toSatisfy(InvalidEngineConfigError.isInstance);

    const vague = await startEngine({
      devMode: undefined,
      environment: { TOOLGRANT_DEV_MODE: 'yes' },
    }).catch((error: unknown) => error);
    expect((vague as Error).message).toBe(
      'TOOLGRANT_DEV_MODE: must be true or false. Set it to true only for local development (it turns user verification off), or leave it unset.',
    );
  });

  it('checks allowedRedirectOrigins: origins only', async () => {
    const withPath = await startEngine({
      allowedRedirectOrigins: ['https://app.example.com/done'],
    }).catch((error: unknown) => error);
    expect((withPath as InvalidEngineConfigError).field).toBe('allowedRedirectOrigins[0]');
    expect((withPath as Error).message).toContain(
      'must be an origin such as https://app.example.com',
    );
  });
});

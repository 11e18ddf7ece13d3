import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Arcade, { BadRequestError, ConflictError, NotFoundError } from '@arcadeai/arcadejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/create-engine.js';
import type { WorkerConfig } from '../../src/workers/worker-settings.js';
import { waitUntil } from '../e2e/engine-under-test.js';
import { freePort, startTestWorker, type TestWorker } from './start-test-worker.js';
import { echoToolkit, noopToolkit, slowToolkit, vaultToolkit } from './worker-toolkits.js';

// Workers in this process (the worker package's handler on loopback ports) and an engine that
// routes to them, driven by the official client over HTTP: listing, versions, secrets on the
// wire, the admin API, timeouts, retries and refused connections. Runtime registration is
// enabled for loopback ports reserved up front; `admin` holds the admin key it needs.

const secret = `worker-secret-${randomBytes(12).toString('hex')}`;
const apiKey = `tg_test_${randomBytes(12).toString('hex')}`;
const adminKey = `tg_admin_${randomBytes(12).toString('hex')}`;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

let dataDirectory: string;
let engine: Engine;
let client: Arcade;
let admin: Arcade;
/** Ports the workers added at runtime listen on, in runtimeWorkers.allowedUrls. */
const ports = { late: 0, flaky: 0, added: 0, wrongSecret: 0 };
let echoWorker: TestWorker;
let slowWorker: TestWorker;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-workers-'));
  echoWorker = await startTestWorker({
    toolkits: [echoToolkit({ version: '2.0.0', servedBy: 'worker' }), vaultToolkit],
    secret,
  });
  slowWorker = await startTestWorker({ toolkits: [slowToolkit], secret });
  closers.push(echoWorker.close, slowWorker.close);
  const workers: WorkerConfig[] = [
    { id: 'echo', url: echoWorker.url, secret },
    {
      id: 'slow',
      url: slowWorker.url,
      secret,
      timeoutMs: 300,
      retry: { attempts: 2, backoffMs: 10 },
    },
  ];
  for (const name of Object.keys(ports) as (keyof typeof ports)[]) ports[name] = await freePort();
  engine = await createEngine({
    toolkits: [echoToolkit({ version: '1.0.0', servedBy: 'engine' }), noopToolkit],
    workers,
    runtimeWorkers: {
      enabled: true,
      allowedUrls: Object.values(ports).map((port) => `http://127.0.0.1:${port}`),
    },
    adminApiKeys: [adminKey],
    dataDirectory,
    encryptionKey: randomBytes(32).toString('base64'),
    apiKeys: [apiKey],
    // Verification is not what this tests; dev mode is chosen explicitly.
    devMode: true,
    environment: {},
    logger: quiet,
  });
  const { url } = await engine.listen({ port: 0 });
  client = new Arcade({ apiKey, baseURL: url, maxRetries: 0 });
  admin = new Arcade({ apiKey: adminKey, baseURL: url, maxRetries: 0 });
});

afterAll(async () => {
  await engine?.close();
  await Promise.all(closers.map((close) => close()));
  await rm(dataDirectory, { recursive: true, force: true });
});

async function setEngineSecret(key: string, value: string): Promise<void> {
  const response = await fetch(`${engine.url}/v1/admin/secrets/${key}`, {
    method: 'POST',
    headers: { authorization: adminKey, 'content-type': 'application/json' },
    body: JSON.stringify({ value }),
  });
  expect(response.status).toBe(200);
}

/** The health the engine last recorded (GET /v1/workers/{id}), without checking again. */
async function healthOf(id: string): Promise<{ healthy: boolean; message: string }> {
  const worker = (await admin.workers.get(id)) as {
    health?: { healthy: boolean; message: string };
  };
  if (worker.health === undefined) throw new Error(`GET /v1/workers/${id} has no health.`);
  return worker.health;
}

describe('worker tools in /v1/tools', () => {
  it('lists them beside the in-process tools, under every name form', async () => {
    const names: string[] = [];
    for await (const tool of client.tools.list({ include_all_versions: true } as never)) {
      names.push(tool.fully_qualified_name);
    }
    expect(names.sort()).toEqual([
      'Echo.Say@1.0.0',
      'Echo.Say@2.0.0',
      'Noop.Run@1.0.0',
      'Slow.Wait@1.0.0',
      'Slow.WaitIdempotent@1.0.0',
      'Vault.Peek@1.0.0',
    ]);
    const byModelName = await client.tools.get('Slow_Wait');
    expect(byModelName.qualified_name).toBe('Slow.Wait');
    expect(byModelName.input.parameters?.map((parameter) => parameter.name)).toEqual(['ms']);
    const vault = await client.tools.get('Vault.Peek@1.0.0', { user_id: 'alice' });
    expect(vault.requirements?.secrets).toEqual([{ key: 'DECLARED_KEY', met: false }]);
  });

  it('serves the newest version by default and the pinned one with tool_version', async () => {
    const newest = await client.tools.execute({ tool_name: 'Echo.Say', input: { text: 'hi' } });
    expect(newest.output?.value).toEqual({ text: 'hi', version: '2.0.0', servedBy: 'worker' });
    const pinned = await client.tools.execute({
      tool_name: 'Echo.Say',
      tool_version: '1.0.0',
      input: { text: 'hi' },
    });
    expect(pinned.output?.value).toEqual({ text: 'hi', version: '1.0.0', servedBy: 'engine' });
    const byName = await client.tools.execute({
      tool_name: 'Echo_Say@2.0.0',
      input: { text: 'x' },
    });
    expect(byName.output?.value).toMatchObject({ servedBy: 'worker' });
  });

  it('sends the seed request with a fresh execution id, and only the secrets the tool declared', async () => {
    const declared = `declared-${randomBytes(8).toString('hex')}`;
    const undeclared = `undeclared-${randomBytes(8).toString('hex')}`;
    await setEngineSecret('DECLARED_KEY', declared);
    await setEngineSecret('UNDECLARED_KEY', undeclared);
    const before = echoWorker.invocations.length;

    const result = await client.tools.execute({ tool_name: 'Vault.Peek', user_id: 'alice' });
    expect(result.success).toBe(true);
    // The tool cannot read what it did not declare: the worker's context refuses it.
    expect(result.output?.value).toEqual({
      declaredLength: declared.length,
      undeclared: 'SecretNotDeclaredError',
    });

    const sent = echoWorker.invocations.slice(before);
    expect(sent).toHaveLength(1);
    const request = sent[0] as Record<string, unknown>;
    expect(Object.keys(request).sort()).toEqual(
      ['context', 'created_at', 'execution_id', 'inputs', 'run_id', 'tool'].sort(),
    );
    expect(request.execution_id).toBe(result.execution_id);
    expect(request.tool).toEqual({ name: 'Peek', toolkit: 'Vault', version: '1.0.0' });
    // Secrets as the list Arcade's workers parse (see invoke-worker-tool.ts).
    expect(request.context).toEqual({
      secrets: [{ key: 'DECLARED_KEY', value: declared }],
      user_id: 'alice',
    });
    // The undeclared secret never left the engine.
    expect(JSON.stringify(sent)).not.toContain(undeclared);
  });

  it('passes the worker’s tool errors through (bad input names the field)', async () => {
    const result = await client.tools.execute({ tool_name: 'Echo.Say', input: { text: 42 } });
    expect(result.success).toBe(false);
    expect(result.output?.error?.kind).toBe('TOOL_RUNTIME_BAD_INPUT_VALUE');
    expect(result.output?.error?.message).toContain("'text'");
  });
});

describe('transport failures', () => {
  it('a tool slower than the worker timeout answers NETWORK_TRANSPORT_RUNTIME_TIMEOUT, tried once', async () => {
    const before = slowWorker.invocations.length;
    const result = await client.tools.execute({ tool_name: 'Slow.Wait', input: { ms: 2000 } });
    expect(result.success).toBe(false);
    expect(result.output?.error).toMatchObject({
      kind: 'NETWORK_TRANSPORT_RUNTIME_TIMEOUT',
      can_retry: true,
      message: "Tool 'Slow.Wait' did not answer in time. Try again in a little while.",
    });
    // Not idempotent: it may have acted, so it is not sent again.
    expect(slowWorker.invocations.length - before).toBe(1);
    // Other toolkits keep working meanwhile.
    const echo = await client.tools.execute({ tool_name: 'Echo.Say', input: { text: 'ok' } });
    expect(echo.success).toBe(true);
  });

  it('an idempotent tool is tried again after a timeout, as often as the retry policy allows', async () => {
    const before = slowWorker.invocations.length;
    const result = await client.tools.execute({
      tool_name: 'Slow.WaitIdempotent',
      input: { ms: 2000 },
    });
    expect(result.output?.error?.kind).toBe('NETWORK_TRANSPORT_RUNTIME_TIMEOUT');
    expect(slowWorker.invocations.length - before).toBe(2);
    const sent = slowWorker.invocations.slice(before);
    // The same execution, a fresh token each time.
    expect(sent[0]?.execution_id).toBe(sent[1]?.execution_id);
  });

  it('a refused connection is retried: a worker back within the backoff serves the call', async () => {
    const port = ports.late;
    const toolkits = [echoToolkit({ name: 'Late', version: '8.0.0', servedBy: 'late' })];
    const first = await startTestWorker({ toolkits, secret, port });
    await admin.workers.create({
      id: 'late',
      http: { uri: first.url, secret, timeout: 5, retry: 4 },
    });
    await first.close();

    // Down now: the first tries are refused; the worker comes back during the backoff.
    const executing = client.tools.execute({ tool_name: 'Late.Say', input: { text: 'r' } });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const second = await startTestWorker({ toolkits, secret, port });
    closers.push(second.close);
    const result = await executing;
    expect(result.output?.value).toEqual({ text: 'r', version: '8.0.0', servedBy: 'late' });
    expect(second.invocations).toHaveLength(1);
    await admin.workers.delete('late');
  });

  it('a worker that is down answers NETWORK_TRANSPORT_RUNTIME_UNREACHABLE and is served again once it is back', async () => {
    const port = ports.flaky;
    let worker = await startTestWorker({
      toolkits: [echoToolkit({ name: 'Flaky', version: '9.0.0', servedBy: 'flaky' })],
      secret,
      port,
    });
    await admin.workers.create({
      id: 'flaky',
      http: { uri: worker.url, secret, timeout: 5, retry: 0 },
    });
    const served = await client.tools.execute({ tool_name: 'Flaky.Say', input: { text: 'a' } });
    expect(served.output?.value).toMatchObject({ servedBy: 'flaky' });

    await worker.close();
    const down = await client.tools.execute({ tool_name: 'Flaky.Say', input: { text: 'b' } });
    expect(down.success).toBe(false);
    expect(down.output?.error).toMatchObject({
      kind: 'NETWORK_TRANSPORT_RUNTIME_UNREACHABLE',
      can_retry: true,
      message:
        "Tool 'Flaky.Say' is unavailable right now: the service that runs it could not be reached. Try again in a little while.",
    });
    expect(down.output?.error?.developer_message).toContain('refused the connection');
    expect(await healthOf('flaky')).toMatchObject({ healthy: false });
    // Its tools stay listed while it is down.
    expect((await client.tools.get('Flaky.Say')).toolkit.version).toBe('9.0.0');

    worker = await startTestWorker({
      toolkits: [echoToolkit({ name: 'Flaky', version: '9.0.0', servedBy: 'flaky' })],
      secret,
      port,
    });
    closers.push(worker.close);
    await waitUntil(async () => (await healthOf('flaky')).healthy === true, {
      description: 'the health check finds the worker back',
    });
    const back = await client.tools.execute({ tool_name: 'Flaky.Say', input: { text: 'c' } });
    expect(back.output?.value).toMatchObject({ servedBy: 'flaky', text: 'c' });
    await admin.workers.delete('flaky');
  });
});

describe('/v1/workers', () => {
  it('lists, gets and checks workers, never returning a secret', async () => {
    const listed = [];
    for await (const worker of admin.workers.list()) listed.push(worker);
    expect(listed.map((worker) => worker.id).sort()).toEqual(['echo', 'slow']);
    const echo = await admin.workers.get('echo');
    expect(echo).toMatchObject({
      id: 'echo',
      type: 'http',
      enabled: true,
      managed: true,
      http: {
        uri: echoWorker.url,
        timeout: 65,
        retry: 1,
        secret: { exists: true, editable: false },
      },
    });
    expect(await admin.workers.health('echo')).toMatchObject({ id: 'echo', healthy: true });
    const tools = [];
    for await (const tool of admin.workers.tools('echo')) tools.push(tool.fully_qualified_name);
    expect(tools.sort()).toEqual(['Echo.Say@2.0.0', 'Vault.Peek@1.0.0']);

    const raw = await fetch(`${engine.url}/v1/workers`, { headers: { authorization: apiKey } });
    expect(await raw.text()).not.toContain(secret);
  });

  it('creates a worker whose tools are served at once, and deletes it', async () => {
    const worker = await startTestWorker({
      toolkits: [echoToolkit({ name: 'Added', version: '4.0.0', servedBy: 'added' })],
      secret,
      port: ports.added,
    });
    closers.push(worker.close);
    const created = await admin.workers.create({
      id: 'added',
      http: { uri: worker.url, secret, timeout: 10, retry: 2 },
    });
    expect(created).toMatchObject({
      id: 'added',
      managed: false,
      http: { timeout: 10, retry: 2 },
      toolkits: ['Added@4.0.0'],
    });
    expect(JSON.stringify(created)).not.toContain(secret);
    const result = await client.tools.execute({ tool_name: 'Added.Say', input: { text: 'n' } });
    expect(result.output?.value).toMatchObject({ version: '4.0.0', servedBy: 'added' });

    const duplicate = await admin.workers
      .create({ id: 'added', http: { uri: worker.url, secret, timeout: 10, retry: 2 } })
      .catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(ConflictError);
    expect(String(duplicate)).toContain(`replaces": "added"`);

    await admin.workers.delete('added');
    const after = await client.tools
      .execute({ tool_name: 'Added.Say', input: { text: 'n' } })
      .catch((error: unknown) => error);
    expect(after).toBeInstanceOf(NotFoundError);
    expect(await admin.workers.get('added').catch((error: unknown) => error)).toBeInstanceOf(
      NotFoundError,
    );
  });

  it('refuses to delete a configured worker, and to add a worker whose secret differs', async () => {
    const refused = await admin.workers.delete('echo').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConflictError);
    expect(String(refused)).toContain("configured in the engine's options");

    const worker = await startTestWorker({
      toolkits: [echoToolkit({ name: 'Wrong', version: '5.0.0', servedBy: 'x' })],
      secret: 'another-secret',
      port: ports.wrongSecret,
    });
    closers.push(worker.close);
    // Its toolkits cannot be read, so the engine cannot check them: nothing is added.
    const wrongSecret = await admin.workers
      .create({ id: 'wrong-secret', http: { uri: worker.url, secret, timeout: 5, retry: 0 } })
      .catch((error: unknown) => error);
    expect(wrongSecret).toBeInstanceOf(BadRequestError);
    expect(String(wrongSecret)).toContain('same secret the worker was started with');
    expect(String(wrongSecret)).toContain('nothing was registered');
    expect(await admin.workers.get('wrong-secret').catch((error: unknown) => error)).toBeInstanceOf(
      NotFoundError,
    );
  });

  it('rejects a bad worker with a message naming the field', async () => {
    const invalid = await admin.workers
      .create({ id: 'bad id!', http: { uri: 'http://127.0.0.1:1', secret, timeout: 1, retry: 0 } })
      .catch((error: unknown) => error);
    expect(String(invalid)).toContain("'id'");
    const badUri = await admin.workers
      .create({ id: 'bad-uri', http: { uri: 'ftp://x', secret, timeout: 1, retry: 0 } })
      .catch((error: unknown) => error);
    expect(String(badUri)).toContain("'http.uri'");
  });
});

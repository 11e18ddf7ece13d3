import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Arcade from '@arcadeai/arcadejs';
import { type OAuthProvider, startOAuthProvider } from '@toolgrant/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/create-engine.js';
import { testkitProviderId } from '../e2e/e2e-toolkits.js';
import { clientId, clientSecret, inboxOf, waitUntil } from '../e2e/engine-under-test.js';
import { type ServerProcess, spawnServerProcess } from '../e2e/spawn-server-process.js';
import { freePort, startTestWorker, type TestWorker } from './start-test-worker.js';
import { echoToolkit, noopToolkit } from './worker-toolkits.js';

// A worker in its own process (worker-process.ts: serveWorker with the inbox toolkit, the slow
// tools and Echo 3.0.0), a second worker and an in-process toolkit, behind one engine driven by
// the official client. The user authorizes at the testkit's real OAuth 2.0 provider and the
// worker reads the protected inbox with the token the engine sends; then the worker process is
// killed in the middle of an execution and started again on the same port.

const secret = `worker-secret-${randomBytes(12).toString('hex')}`;
const apiKey = `tg_test_${randomBytes(12).toString('hex')}`;
const workerScript = fileURLToPath(new URL('./worker-process.ts', import.meta.url));

let provider: OAuthProvider;
let dataDirectory: string;
let engine: Engine;
let client: Arcade;
let workerPort: number;
let workerProcess: ServerProcess;
let otherWorker: TestWorker;

const startWorkerProcess = () =>
  spawnServerProcess({
    script: workerScript,
    settings: { port: workerPort, secret, inboxUrl: provider.inboxUrl },
  });

beforeAll(async () => {
  provider = await startOAuthProvider();
  dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-worker-e2e-'));
  workerPort = await freePort();
  workerProcess = await startWorkerProcess();
  otherWorker = await startTestWorker({
    toolkits: [echoToolkit({ version: '2.0.0', servedBy: 'other worker' })],
    secret,
  });
  engine = await createEngine({
    toolkits: [noopToolkit],
    workers: [
      { id: 'inbox', url: workerProcess.url, secret, healthCheckIntervalMs: 200 },
      { id: 'other', url: otherWorker.url, secret },
    ],
    providers: [
      {
        id: testkitProviderId,
        type: 'oauth2',
        clientId,
        clientSecret,
        authorizeUrl: provider.authorizationEndpoint,
        tokenUrl: provider.tokenEndpoint,
      },
    ],
    dataDirectory,
    encryptionKey: randomBytes(32).toString('base64'),
    apiKeys: [apiKey],
    devMode: true,
    environment: {},
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const { url } = await engine.listen({ port: 0 });
  provider.addClient({ clientId, clientSecret, redirectUris: [engine.redirectUri] });
  client = new Arcade({ apiKey, baseURL: url, maxRetries: 0 });
}, 60_000);

afterAll(async () => {
  await engine?.close();
  await workerProcess?.stop();
  await otherWorker?.close();
  await provider?.close();
  await rm(dataDirectory, { recursive: true, force: true });
});

describe('a worker in its own process', () => {
  it('runs an OAuth tool end to end after a real authorization through the official client', async () => {
    const tool = await client.tools.get('Inbox.ListMessages', { user_id: 'alice' });
    expect(tool.toolkit.version).toBe('1.0.0');
    expect(tool.requirements?.authorization).toMatchObject({
      provider_id: testkitProviderId,
      token_status: 'not_started',
    });

    const authorization = await client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'alice',
    });
    expect(authorization.status).toBe('pending');
    const consent = await provider.completeConsent({
      authorizationUrl: authorization.url ?? '',
      username: 'alice',
      password: 'alice-password',
    });
    expect(consent.callback?.status).toBe(200);
    expect((await client.auth.waitForCompletion(authorization)).status).toBe('completed');

    const result = await client.tools.execute({
      tool_name: 'Inbox.ListMessages',
      user_id: 'alice',
    });
    expect(result.success).toBe(true);
    const inbox = inboxOf(result);
    expect(inbox.user.id).toBe('alice');
    const subjects = provider.users
      .find((user) => user.id === 'alice')
      ?.inbox.map((m) => m.subject);
    expect(inbox.messages.map((message) => message.subject)).toEqual(subjects);
    // The token went to the worker process and from there to the protected API.
    expect(provider.counts.api.byStatus[200]).toBeGreaterThanOrEqual(1);
    expect(
      (await client.tools.get('Inbox.ListMessages', { user_id: 'alice' })).requirements
        ?.authorization?.token_status,
    ).toBe('completed');
  });

  it('killed mid-execution: the caller gets the transport kind, everything else keeps working, and the worker is served again once it is back', async () => {
    const executing = client.tools.execute({ tool_name: 'Slow.Wait', input: { ms: 10_000 } });
    // The request is in the worker's hands (its tool sleeps) when the process dies.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const exited = new Promise((resolve) => workerProcess.child.once('exit', resolve));
    workerProcess.child.kill('SIGKILL');
    await exited;

    const killed = await executing;
    expect(killed.success).toBe(false);
    expect(killed.output?.error).toMatchObject({
      kind: 'NETWORK_TRANSPORT_RUNTIME_UNREACHABLE',
      can_retry: true,
      message:
        "Tool 'Slow.Wait' is unavailable right now: the service that runs it could not be reached. Try again in a little while.",
    });
    expect(JSON.stringify(killed)).not.toContain(secret);

    // In-process tools and the other worker keep serving.
    const local = await client.tools.execute({ tool_name: 'Noop.Run' });
    expect(local.output?.value).toEqual({ ok: true });
    const other = await client.tools.execute({
      tool_name: 'Echo.Say',
      tool_version: '2.0.0',
      input: { text: 'still here' },
    });
    expect(other.output?.value).toEqual({
      text: 'still here',
      version: '2.0.0',
      servedBy: 'other worker',
    });
    // The dead worker's tools answer the transport kind, quickly (the connection is refused).
    const down = await client.tools.execute({ tool_name: 'Echo.Say', input: { text: 'x' } });
    expect(down.output?.error?.kind).toBe('NETWORK_TRANSPORT_RUNTIME_UNREACHABLE');
    expect((await client.workers.health('inbox')).healthy).toBe(false);

    // Back on the same port: the health check picks it up.
    workerProcess = await startWorkerProcess();
    await waitUntil(
      async () =>
        ((await client.workers.get('inbox')) as { health?: { healthy: boolean } }).health
          ?.healthy === true,
      { description: 'the engine finds the restarted worker healthy' },
    );
    const back = await client.tools.execute({ tool_name: 'Slow.Wait', input: { ms: 5 } });
    expect(back.output?.value).toEqual({ waited: 5 });
    const newest = await client.tools.execute({ tool_name: 'Echo.Say', input: { text: 'again' } });
    expect(newest.output?.value).toEqual({
      text: 'again',
      version: '3.0.0',
      servedBy: 'worker process',
    });
    const inbox = await client.tools.execute({ tool_name: 'Inbox.ListMessages', user_id: 'alice' });
    expect(inboxOf(inbox).user.id).toBe('alice');
  }, 60_000);
});

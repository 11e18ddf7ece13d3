import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Arcade from '@arcadeai/arcadejs';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/create-engine.js';
import { waitUntil } from '../e2e/engine-under-test.js';
import { freePort, startTestWorker } from './start-test-worker.js';
import { slowToolkit } from './worker-toolkits.js';

// The engine keeps a pool of connections per worker. Closing the engine, or removing a worker,
// must not cut short a call that is already on its way: the connections close once it is done.

const secret = `worker-secret-${randomBytes(12).toString('hex')}`;
const apiKey = `tg_test_${randomBytes(12).toString('hex')}`;
const adminKey = `tg_admin_${randomBytes(12).toString('hex')}`;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startEngine(options: Parameters<typeof createEngine>[0]): Promise<Engine> {
  const dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-worker-connections-'));
  const engine = await createEngine({
    dataDirectory,
    encryptionKey: randomBytes(32).toString('base64'),
    apiKeys: [apiKey],
    adminApiKeys: [adminKey],
    // Verification is not what this tests; dev mode is chosen explicitly.
    devMode: true,
    environment: {},
    logger: quiet,
    ...options,
  });
  cleanups.push(async () => {
    await engine.close();
    await rm(dataDirectory, { recursive: true, force: true });
  });
  await engine.listen({ port: 0 });
  return engine;
}

describe("the engine's connections to workers", () => {
  it('engine.close() lets a call in progress finish, retries included, then closes', async () => {
    const worker = await startTestWorker({ toolkits: [slowToolkit], secret });
    cleanups.push(worker.close);
    const engine = await startEngine({
      workers: [
        {
          id: 'slow',
          url: worker.url,
          secret,
          timeoutMs: 300,
          retry: { attempts: 2, backoffMs: 10 },
        },
      ],
    });
    const client = new Arcade({ apiKey, baseURL: engine.url, maxRetries: 0 });
    // Idempotent and slower than the timeout: sent, timed out, then sent again.
    const call = client.tools.execute({ tool_name: 'Slow.WaitIdempotent', input: { ms: 2000 } });
    await waitUntil(() => worker.invocations.length === 1, {
      description: 'the worker received the first try',
    });
    await engine.close();
    const result = await call;
    // The second try still went out while the engine was closing, and timed out like the first.
    expect(worker.invocations).toHaveLength(2);
    expect(result.output?.error?.kind).toBe('NETWORK_TRANSPORT_RUNTIME_TIMEOUT');
  });

  it('removing a worker lets its call in progress finish; the tool is then no longer served', async () => {
    const port = await freePort();
    const worker = await startTestWorker({ toolkits: [slowToolkit], secret, port });
    cleanups.push(worker.close);
    const engine = await startEngine({
      runtimeWorkers: { enabled: true, allowedUrls: [`http://127.0.0.1:${port}`] },
    });
    const client = new Arcade({ apiKey, baseURL: engine.url, maxRetries: 0 });
    const admin = new Arcade({ apiKey: adminKey, baseURL: engine.url, maxRetries: 0 });
    await admin.workers.create({
      id: 'slow',
      http: { uri: worker.url, secret, timeout: 10, retry: 0 },
    });

    const call = client.tools.execute({ tool_name: 'Slow.Wait', input: { ms: 400 } });
    await waitUntil(() => worker.invocations.length === 1, {
      description: 'the worker received the call',
    });
    await admin.workers.delete('slow');
    const result = await call;
    expect(result.success).toBe(true);
    const after = await client.tools
      .execute({ tool_name: 'Slow.Wait', input: { ms: 1 } })
      .catch((error: unknown) => error);
    expect(String(after)).toContain('Slow.Wait');
    expect(worker.invocations).toHaveLength(1);
  });
});

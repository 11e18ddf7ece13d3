import { randomBytes } from 'node:crypto';
import Arcade from '@arcadeai/arcadejs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithPostgres } from '../describe-with-postgres.js';
import { freePort, startTestWorker, type TestWorker } from '../workers/start-test-worker.js';
import { echoToolkit } from '../workers/worker-toolkits.js';
import type { EngineProcessSettings } from './engine-process.js';
import { waitUntil } from './engine-under-test.js';
import { type ServerProcess, spawnServerProcess } from './spawn-server-process.js';
import { useScratchDatabase } from './use-scratch-database.js';

// Engine processes on one PostgreSQL database share the workers added at runtime: one started
// after a registration serves the worker at once, one already running picks it up (and its
// removal) on its next reload, and a takeover refused on one is refused on the other.

describeWithPostgres('runtime workers shared by engine processes on PostgreSQL', (databaseUrl) => {
  const database = useScratchDatabase({ serverUrl: databaseUrl, namePrefix: 'toolgrant_e2e' });
  const secret = `worker-secret-${randomBytes(12).toString('hex')}`;
  const adminKey = `tg_admin_${randomBytes(16).toString('hex')}`;
  const readWorkers = () => database.query('SELECT * FROM runtime_workers ORDER BY id');

  const engines: ServerProcess[] = [];
  let settings: EngineProcessSettings;
  let notes: TestWorker;
  let hostile: TestWorker;

  beforeAll(async () => {
    const [notesPort, hostilePort] = [await freePort(), await freePort()];
    notes = await startTestWorker({
      toolkits: [echoToolkit({ name: 'Notes', version: '1.0.0', servedBy: 'notes' })],
      secret,
      port: notesPort,
    });
    hostile = await startTestWorker({
      toolkits: [echoToolkit({ name: 'Notes', version: '9.0.0', servedBy: 'hostile' })],
      secret,
      port: hostilePort,
    });
    settings = {
      databaseUrl: database.url,
      encryptionKey: randomBytes(32).toString('base64'),
      apiKey: `tg_e2e_${randomBytes(16).toString('hex')}`,
      provider: {
        clientId: 'unused',
        clientSecret: 'unused',
        authorizationEndpoint: 'http://127.0.0.1:1/authorize',
        tokenEndpoint: 'http://127.0.0.1:1/token',
        revocationEndpoint: 'http://127.0.0.1:1/revoke',
        inboxUrl: 'http://127.0.0.1:1/inbox',
      },
      workerOptions: {
        runtimeWorkers: {
          enabled: true,
          allowedUrls: [notes.url, hostile.url],
          reloadIntervalMs: 200,
        },
        adminApiKeys: [adminKey],
      },
    };
    engines.push(await spawnServerProcess({ settings }));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.stop()));
    await notes?.close();
    await hostile?.close();
  });

  const adminOf = (engine: ServerProcess) =>
    new Arcade({ apiKey: adminKey, baseURL: engine.url, maxRetries: 0 });
  const clientOf = (engine: ServerProcess) =>
    new Arcade({ apiKey: settings.apiKey, baseURL: engine.url, maxRetries: 0 });
  const idsOn = async (engine: ServerProcess) => {
    const ids: string[] = [];
    for await (const worker of adminOf(engine).workers.list()) ids.push(worker.id ?? '');
    return ids;
  };

  it('serves a worker registered on one process on a process started later, and on one already running after its reload', async () => {
    const [first] = engines as [ServerProcess];
    const running = await spawnServerProcess({ settings });
    engines.push(running);

    await adminOf(first).workers.create({
      id: 'notes',
      http: { uri: notes.url, secret, timeout: 5, retry: 0 },
    });
    const later = await spawnServerProcess({ settings });
    engines.push(later);
    // Read from the store at start: no wait.
    expect(await idsOn(later)).toEqual(['notes']);
    const onLater = await clientOf(later).tools.execute({
      tool_name: 'Notes.Say',
      input: { text: 'later' },
    });
    expect(onLater.output?.value).toMatchObject({ servedBy: 'notes', text: 'later' });

    await waitUntil(async () => (await idsOn(running)).includes('notes'), {
      description: 'the running process reloads the runtime workers',
    });
    const onRunning = await clientOf(running).tools.execute({
      tool_name: 'Notes.Say',
      input: { text: 'running' },
    });
    expect(onRunning.output?.value).toMatchObject({ servedBy: 'notes', text: 'running' });

    // A takeover refused on another process than the one it was registered on.
    const before = await readWorkers();
    const takeover = await adminOf(later)
      .workers.create({ id: 'hostile', http: { uri: hostile.url, secret, timeout: 5, retry: 0 } })
      .catch((error: unknown) => error);
    expect(String(takeover)).toContain('409');
    expect(String(takeover)).toContain(
      "Toolkit 'Notes' is already served by worker 'notes' (added at runtime)",
    );
    expect(await readWorkers()).toEqual(before);
    expect(hostile.invocations).toEqual([]);
    const stored = before[0] as Record<string, unknown>;
    expect(stored).toMatchObject({ id: 'notes', url: notes.url, toolkits: '["notes"]' });
    expect(JSON.stringify(before)).not.toContain(secret);

    await adminOf(first).workers.delete('notes');
    expect(await readWorkers()).toEqual([]);
    await waitUntil(
      async () =>
        !(await idsOn(running)).includes('notes') && !(await idsOn(later)).includes('notes'),
      { description: 'the other processes drop the removed worker' },
    );
    const gone = await clientOf(running)
      .tools.execute({ tool_name: 'Notes.Say', input: { text: 'gone' } })
      .catch((error: unknown) => error);
    expect(String(gone)).toContain('404');
  }, 90_000);
});

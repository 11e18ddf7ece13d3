import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnServerProcess } from '../test/e2e/spawn-server-process.js';
import { processCpuMicros } from './process-cpu.js';
import { combineLoadResults, type LoadResult, runLoad } from './run-load.js';

// `pnpm bench`, second part: what routing a call to a remote worker costs over running the
// same no-op tool in the engine's process. Engine and worker run in their own processes; this
// one sends POST /v1/tools/execute over loopback, one call at a time (per-call latency) and
// with 50 concurrent clients (throughput), alternating between the two tools round by round.

const rounds = 4;
const sequentialCalls = Number(process.env.BENCH_WORKER_CALLS ?? 2000);
const concurrency = 50;
const concurrentMs = Number(process.env.BENCH_SECONDS ?? 12) * 1000;

const here = path.dirname(fileURLToPath(import.meta.url));
const secret = randomBytes(24).toString('hex');
const apiKey = `tg_bench_${randomBytes(16).toString('hex')}`;
const dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-worker-bench-'));

const worker = await spawnServerProcess({
  script: path.join(here, 'bench-worker-process.ts'),
  settings: { secret },
});
const engine = await spawnServerProcess({
  script: path.join(here, 'bench-worker-engine-process.ts'),
  settings: {
    dataDirectory,
    encryptionKey: randomBytes(32).toString('base64'),
    apiKey,
    workerUrl: worker.url,
    secret,
  },
});

try {
  const executeUrl = `${engine.url}/v1/tools/execute`;
  const headers = { authorization: apiKey };
  const bodyOf = (toolName: string) => JSON.stringify({ tool_name: toolName, input: {} });
  const load = (
    toolName: string,
    options: { concurrency: number; durationMs: number; maxRequests: number },
  ) =>
    runLoad({
      url: executeUrl,
      headers,
      body: bodyOf(toolName),
      ...options,
      isSuccess: (status, body) => status === 200 && body.includes('"success":true'),
    });
  for (const toolName of ['Local.Noop', 'Remote.Noop']) {
    const sample = await load(toolName, { concurrency: 1, durationMs: 5000, maxRequests: 1 });
    if (sample.failures > 0) throw new Error(`${toolName} does not execute successfully.`);
  }

  const measure = async (options: {
    concurrency: number;
    durationMs: number;
    maxRequests: number;
  }) => {
    const local: LoadResult[] = [];
    const remote: LoadResult[] = [];
    // CPU microseconds each process used during each tool's rounds.
    const cpu = { local: { engine: 0, worker: 0 }, remote: { engine: 0, worker: 0 } };
    const measured = async (toolName: string, into: { engine: number; worker: number }) => {
      const before = { engine: engineCpu(), worker: workerCpu() };
      const result = await load(toolName, options);
      into.engine += (engineCpu() ?? 0) - (before.engine ?? 0);
      into.worker += (workerCpu() ?? 0) - (before.worker ?? 0);
      return result;
    };
    // Warm-up, then alternating rounds, so that load from elsewhere falls on both alike.
    await load('Local.Noop', { ...options, durationMs: 1000 });
    await load('Remote.Noop', { ...options, durationMs: 1000 });
    for (let round = 0; round < rounds; round += 1) {
      local.push(await measured('Local.Noop', cpu.local));
      remote.push(await measured('Remote.Noop', cpu.remote));
    }
    return { local: combineLoadResults(local), remote: combineLoadResults(remote), cpu };
  };
  const engineCpu = () => processCpuMicros(engine.child.pid);
  const workerCpu = () => processCpuMicros(worker.child.pid);

  const sequential = await measure({
    concurrency: 1,
    durationMs: 60_000,
    maxRequests: Math.ceil(sequentialCalls / rounds),
  });
  const concurrent = await measure({
    concurrency,
    durationMs: concurrentMs / rounds,
    maxRequests: 1_000_000,
  });

  const ms = (value: number) => `${value.toFixed(3)} ms`.padStart(10);
  const row = (name: string, result: LoadResult) =>
    `| ${name.padEnd(30)} | ${result.perSecond.toFixed(0).padStart(7)} /s | ${ms(result.p50Ms)} | ${ms(result.p99Ms)} | ${String(result.requests).padStart(6)} | ${String(result.failures).padStart(3)} |`;
  const header = [
    '| tool                           |  throughput |        p50 |        p99 |   reqs | err |',
    '| ------------------------------ | ----------- | ---------- | ---------- | ------ | --- |',
  ];
  const overhead = (result: { local: LoadResult; remote: LoadResult }) =>
    `overhead per call: p50 +${(result.remote.p50Ms - result.local.p50Ms).toFixed(3)} ms (x${(result.remote.p50Ms / result.local.p50Ms).toFixed(2)}), p99 +${(result.remote.p99Ms - result.local.p99Ms).toFixed(3)} ms (x${(result.remote.p99Ms / result.local.p99Ms).toFixed(2)}); throughput ratio worker / in-process ${((result.remote.perSecond / result.local.perSecond) * 100).toFixed(1)}%`;

  console.log(
    '\nEngine -> worker over engine in-process, a no-op tool without authorization (POST /v1/tools/execute over loopback; engine and worker in their own processes).\n',
  );
  console.log(
    `One call at a time, ${rounds} alternating rounds, ${sequentialCalls} calls per tool:\n`,
  );
  console.log(header.join('\n'));
  console.log(row('engine in-process (Local.Noop)', sequential.local));
  console.log(row('engine -> worker (Remote.Noop)', sequential.remote));
  console.log(`\n${overhead(sequential)}\n`);
  console.log(
    `${concurrency} concurrent keep-alive clients, ${rounds} alternating rounds of ${concurrentMs / rounds / 1000} s per tool:\n`,
  );
  console.log(header.join('\n'));
  console.log(row('engine in-process (Local.Noop)', concurrent.local));
  console.log(row('engine -> worker (Remote.Noop)', concurrent.remote));
  console.log(`\n${overhead(concurrent)}\n`);
  console.log(
    `worker p50 added: ${(sequential.remote.p50Ms - sequential.local.p50Ms).toFixed(2)} ms (goal: at most 1 ms)`,
  );
  console.log(
    `worker / in-process throughput: ${((concurrent.remote.perSecond / concurrent.local.perSecond) * 100).toFixed(1)}% (goal: at least 50%)\n`,
  );
  if (engineCpu() !== undefined) {
    // On this machine the engine, the worker and this load generator share the cores, so the
    // throughput ratio also counts the worker's CPU against the engine. What a worker call
    // costs the engine itself is its CPU time per call.
    const perCall = (micros: number, result: LoadResult) =>
      `${(micros / result.requests).toFixed(0)} µs`;
    const { cpu } = concurrent;
    console.log(
      `CPU per call under load: engine in-process ${perCall(cpu.local.engine, concurrent.local)}; through a worker, engine ${perCall(cpu.remote.engine, concurrent.remote)} + worker ${perCall(cpu.remote.worker, concurrent.remote)}. Engine CPU per call, in-process / through a worker: ${((cpu.local.engine / concurrent.local.requests / (cpu.remote.engine / concurrent.remote.requests)) * 100).toFixed(1)}%\n`,
    );
  }
} finally {
  await engine.stop();
  await worker.stop();
  await rm(dataDirectory, { recursive: true, force: true });
}

import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnServerProcess } from '../test/e2e/spawn-server-process.js';
import { runLoad } from './run-load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const secret = randomBytes(24).toString('hex');
const apiKey = `tg_bench_${randomBytes(16).toString('hex')}`;
const dataDirectory = await mkdtemp(path.join(tmpdir(), 'tg-prof-'));
const prof = (name: string) => ['--cpu-prof', `--cpu-prof-dir=/work/scratch/prof/${name}`];
const worker = await spawnServerProcess({
  script: path.join(here, 'bench-worker-process.ts'),
  settings: { secret },
  nodeArguments: prof('worker'),
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
  nodeArguments: prof('engine'),
});
const tool = process.env.TOOL ?? 'Remote.Noop';
const r = await runLoad({
  url: `${engine.url}/v1/tools/execute`,
  headers: { authorization: apiKey },
  body: JSON.stringify({ tool_name: tool, input: {} }),
  concurrency: 50,
  durationMs: 8000,
  maxRequests: 1e7,
  isSuccess: (s) => s === 200,
});
console.log(tool, r.perSecond, r.requests);
await engine.stop();
await worker.stop();

#!/usr/bin/env node
import { runWorkerCli } from './run-worker-cli.js';

// The `toolgrant-worker` executable. SIGTERM or SIGINT stops `serve` after calls in progress
// finish; a second one exits at once.

const stop = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  });
}

process.exitCode = await runWorkerCli({
  argv: process.argv.slice(2),
  output: { stdout: process.stdout, stderr: process.stderr },
  stopSignal: stop.signal,
});
// After a stop, a handle left open by a toolkit must not keep the process from exiting.
setTimeout(() => process.exit(), 1_000).unref();

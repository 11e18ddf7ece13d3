#!/usr/bin/env node
import { runCli } from './run-cli.js';

// The `toolgrant` executable. SIGTERM or SIGINT stops `serve` gracefully; a second one while
// it shuts down exits at once.

const stop = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  });
}

process.exitCode = await runCli({
  argv: process.argv.slice(2),
  output: { stdout: process.stdout, stderr: process.stderr },
  stopSignal: stop.signal,
});
// After a stop, a handle left open by a toolkit must not keep the process from exiting.
if (process.exitCode !== 0 || stop.signal.aborted) setTimeout(() => process.exit(), 1_000).unref();

import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Runs the official conformance suite's server leg (`conformance server`, the pinned
// `@modelcontextprotocol/conformance`) as its own process against a URL, on the Node that runs
// the tests (the suite needs Node 22 or newer; the project's is 24), and reads back what it
// wrote: one `checks.json` per scenario.

export type ConformanceCheck = {
  id: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'SKIPPED' | 'INFO';
  errorMessage?: string;
};

export type ConformanceRun = {
  exitCode: number | null;
  /** Everything the suite printed, for the failure message. */
  output: string;
  /** The checks of each scenario that ran, by scenario name. */
  scenarios: Map<string, ConformanceCheck[]>;
};

const suiteEntry = path.join(
  path.dirname(
    createRequire(import.meta.url).resolve('@modelcontextprotocol/conformance/package.json'),
  ),
  'dist/index.js',
);

export async function runConformance({
  url,
  args,
}: {
  url: string;
  /** Which scenarios: `--requirements 2025-11-25`, `--scenario tools-list --spec-version …`. */
  args: readonly string[];
}): Promise<ConformanceRun> {
  const outputDir = await mkdtemp(path.join(tmpdir(), 'toolgrant-conformance-'));
  const child = spawn(
    process.execPath,
    [suiteEntry, 'server', '--url', url, '--output-dir', outputDir, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { exitCode, output, scenarios: await readScenarios(outputDir) };
}

async function readScenarios(outputDir: string): Promise<Map<string, ConformanceCheck[]>> {
  const scenarios = new Map<string, ConformanceCheck[]>();
  for (const entry of await readdir(outputDir, { recursive: true })) {
    if (path.basename(entry) !== 'checks.json') continue;
    const checks = JSON.parse(await readFile(path.join(outputDir, entry), 'utf8'));
    // Directories are named `server-<scenario>-<timestamp>`.
    const directory = path.basename(path.dirname(entry));
    scenarios.set(directory.replace(/^server-/, '').replace(/-\d{4}-\d{2}-\d{2}T.*$/, ''), checks);
  }
  return scenarios;
}

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signWorkerToken } from '../worker-token.js';
import { runWorkerCli } from './run-worker-cli.js';

// The CLI in process: argument errors, and `serve` until its stop signal aborts.

function capture() {
  const text = { stdout: '', stderr: '' };
  return {
    text,
    output: {
      stdout: { write: (chunk: string) => (text.stdout += chunk) },
      stderr: { write: (chunk: string) => (text.stderr += chunk) },
    },
  };
}

const environment = { TOOLGRANT_WORKER_SECRET: 'in-process-secret' };
// Absolute, so the suite passes from the package folder and from the repository root alike.
const packageFile = (relativePath: string) =>
  fileURLToPath(new URL(`../../${relativePath}`, import.meta.url));

describe('runWorkerCli', () => {
  it('prints usage for --help, and fails without a command', async () => {
    const help = capture();
    expect(await runWorkerCli({ argv: ['--help'], output: help.output, environment })).toBe(0);
    expect(help.text.stdout).toContain('Usage: toolgrant-worker serve <toolkit-file...>');
    const none = capture();
    expect(await runWorkerCli({ argv: [], output: none.output, environment })).toBe(1);
    expect(none.text.stderr).toContain('Usage:');
  });

  it.each([
    [['start'], "unknown command 'start'"],
    [['serve'], 'name the file that exports your toolkit'],
    [['serve', 'x.ts', '--port', 'eighty'], 'the port "eighty" (--port) is not a whole number'],
    [['serve', 'x.ts', '--verbose'], "Unknown option '--verbose'"],
    [['serve', 'missing.ts'], 'missing.ts does not exist'],
    [['serve', packageFile('src/define-tool.ts')], 'exports no toolkit'],
  ])('%j fails with a message naming the fix', async (argv, message) => {
    const { text, output } = capture();
    expect(await runWorkerCli({ argv, output, environment })).toBe(1);
    expect(text.stderr).toContain(message);
  });

  it('serves the files’ toolkits until stopped', async () => {
    const { text, output } = capture();
    const stop = new AbortController();
    const running = runWorkerCli({
      argv: ['serve', packageFile('test/fixtures/weather-toolkit.ts'), '--port', '0'],
      output,
      environment,
      stopSignal: stop.signal,
    });
    const deadline = Date.now() + 10_000;
    while (!text.stdout.includes('listening at') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const url = /listening at (\S+)/.exec(text.stdout)?.[1];
    const tools = await fetch(`${url}/worker/tools`, {
      headers: {
        authorization: `Bearer ${signWorkerToken({ secret: environment.TOOLGRANT_WORKER_SECRET })}`,
      },
    });
    const names = ((await tools.json()) as { fully_qualified_name: string }[]).map(
      (definition) => definition.fully_qualified_name,
    );
    expect(names).toEqual([
      'Weather.Forecast@1.0.0',
      'Weather.Snoop@1.0.0',
      'Weather.Inbox@1.0.0',
      'Weather.Flaky@1.0.0',
    ]);
    stop.abort();
    expect(await running).toBe(0);
    await expect(fetch(`${url}/worker/health`)).rejects.toThrow();
  }, 20_000);
});

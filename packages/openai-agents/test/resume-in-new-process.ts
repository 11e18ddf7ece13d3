import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ModelRequest } from '@openai/agents';
import type { ModelTurn } from './scripted-model.js';

// Runs `resume-process.ts` in its own Node process (the package's tsx, on the Node running the
// tests), hands it a serialized run, and reads back what it printed.

const packageDirectory = path.resolve(import.meta.dirname, '..');

export async function resumeInNewProcess(request: {
  engineUrl: string;
  apiKey: string;
  userId: string;
  state: string;
  turns: ModelTurn[];
}): Promise<{ finalOutput: unknown; requests: ModelRequest[] }> {
  const child = spawn(
    path.join(packageDirectory, 'node_modules/.bin/tsx'),
    ['--conditions=@toolgrant/source', 'test/resume-process.ts'],
    {
      cwd: packageDirectory,
      env: {
        ...process.env,
        // The tsx script starts `node` from PATH: this one.
        PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  child.stdin.end(JSON.stringify(request));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`The resuming process failed (exit ${code}):\n${stderr}`);
  return JSON.parse(stdout) as { finalOutput: unknown; requests: ModelRequest[] };
}

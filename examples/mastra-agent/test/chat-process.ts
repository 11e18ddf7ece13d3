import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';

// The example as a person runs it: its own tsx, on the Node running the tests (the project's
// Node 24 under pnpm), piped, so a test types lines and reads what the chat printed.

const exampleDirectory = path.resolve(import.meta.dirname, '..');

export interface ChatProcess {
  child: ChildProcessWithoutNullStreams;
  /** Everything printed so far. */
  output(): string;
  /** Waits until `expected` (a pattern, or text as it is) is printed after the last match. */
  next(expected: RegExp | string, timeoutMs?: number): Promise<RegExpExecArray>;
  type(line: string): void;
  exitCode: Promise<number | null>;
}

export function startChatProcess({ dataDirectory }: { dataDirectory: string }): ChatProcess {
  const environment = { ...process.env };
  for (const name of ['OPENAI_MODEL', 'ANTHROPIC_MODEL']) delete environment[name];
  const child = spawn(
    path.join(exampleDirectory, 'node_modules/.bin/tsx'),
    ['--conditions=@toolgrant/source', 'src/main.ts'],
    {
      cwd: exampleDirectory,
      env: {
        ...environment,
        // Set and empty, so a developer's .env cannot switch the test to a real model.
        OPENAI_API_KEY: '',
        ANTHROPIC_API_KEY: '',
        EXAMPLE_DATA_DIR: dataDirectory,
        // The tsx script runs the first `node` on PATH: make it this one.
        PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
      },
    },
  );
  let printed = '';
  let cursor = 0;
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    printed += text;
    for (const listener of listeners) listener();
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const exitCode = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      for (const listener of listeners) listener();
      resolve(code);
    });
  });

  return {
    child,
    output: () => printed,
    type(line) {
      child.stdin.write(`${line}\n`);
    },
    exitCode,
    next(expected, timeoutMs = 60_000) {
      const pattern =
        typeof expected === 'string'
          ? new RegExp(expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          : new RegExp(expected.source, expected.flags.replace('g', ''));
      return new Promise((resolve, reject) => {
        const check = () => {
          const pending = printed.slice(cursor);
          const match = pattern.exec(pending);
          if (match) {
            cursor += match.index + match[0].length;
            stop();
            resolve(match);
          } else if (child.exitCode !== null || timer === undefined) {
            stop();
            reject(
              new Error(
                `Never printed ${expected} (exit code ${child.exitCode}).\nstdout after the last match:\n${pending}\nstderr:\n${stderr}`,
              ),
            );
          }
        };
        const stop = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        let timer: NodeJS.Timeout | undefined = setTimeout(() => {
          timer = undefined;
          check();
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
}

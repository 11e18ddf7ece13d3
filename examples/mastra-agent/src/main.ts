import { existsSync } from 'node:fs';
import path from 'node:path';
import { demoPrompt, startLocalStack } from '@toolgrant/example-local-stack';
import { chooseModel } from './choose-model.js';
import { createInboxAgent } from './create-inbox-agent.js';
import { runChat } from './run-chat.js';

// `pnpm start`: the local stack in this process, a Mastra agent on it, and a terminal chat.

const exampleDirectory = path.resolve(import.meta.dirname, '..');
const envFile = path.join(exampleDirectory, '.env');
// Variables already set win over the file.
if (existsSync(envFile)) process.loadEnvFile(envFile);

const dataDirectory = process.env.EXAMPLE_DATA_DIR || path.join(exampleDirectory, '.data');
const { model, label } = chooseModel(process.env);

const stack = await startLocalStack({ dataDirectory: path.join(dataDirectory, 'engine') });
const stop = new AbortController();
// Ctrl-C when the input is not a terminal (in one, readline turns it into its own event).
process.once('SIGINT', () => stop.abort());
try {
  const agent = await createInboxAgent({
    client: stack.client,
    model,
    storageUrl: `file:${path.join(dataDirectory, 'mastra.db')}`,
  });
  const { username, password } = stack.demoUser;
  process.stdout.write(
    [
      'Toolgrant × Mastra — a terminal chat whose tools act for you.',
      `Model: ${label}`,
      `When asked to authorize, sign in at the demo provider as ${username} / ${password}.`,
      `Try: ${demoPrompt}   (exit, Ctrl-D or Ctrl-C to leave)`,
      '',
    ].join('\n'),
  );
  await runChat({
    agent,
    client: stack.client,
    userId: 'demo-user',
    input: process.stdin,
    output: process.stdout,
    signal: stop.signal,
  });
} finally {
  await stack.close();
}
process.stdout.write('Bye.\n');

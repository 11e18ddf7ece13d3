import path from 'node:path';
import { startLocalStack } from '@toolgrant/example-local-stack';
import { loadExampleEnvironment, printBanner } from '@toolgrant/example-local-stack/terminal';
import { chooseModel } from './choose-model.js';
import { createInboxAgent } from './create-inbox-agent.js';
import { runChat } from './run-chat.js';

// `pnpm start`: the local stack in this process, a Mastra agent on it, and a terminal chat.

const { dataDirectory } = loadExampleEnvironment({
  exampleDirectory: path.resolve(import.meta.dirname, '..'),
});
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
  printBanner({
    output: process.stdout,
    framework: 'Mastra',
    modelLabel: label,
    demoUser: stack.demoUser,
  });
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

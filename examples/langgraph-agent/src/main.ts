import path from 'node:path';
import { startLocalStack } from '@toolgrant/example-local-stack';
import {
  loadExampleEnvironment,
  printBanner,
  runChat,
} from '@toolgrant/example-local-stack/terminal';
import { chooseModel } from './choose-model.js';
import { createChatAgent } from './create-chat-agent.js';
import { runChatTurn } from './run-chat-turn.js';

// `pnpm start`: the local stack in this process, LangChain's agent on top, a chat in the
// terminal.

const { dataDirectory } = loadExampleEnvironment({
  exampleDirectory: path.resolve(import.meta.dirname, '..'),
});

// Ctrl-C when input is not a terminal (in one, readline reads it as a key). The listener stays
// until the process ends, so a second one while the stack closes does not cut that short.
const interrupted = new AbortController();
process.on('SIGINT', () => interrupted.abort());

const stack = await startLocalStack({ dataDirectory: path.join(dataDirectory, 'engine') });
try {
  const { model, label } = chooseModel();
  const agent = await createChatAgent({ client: stack.client, model });
  // A fresh thread per chat session; the user id is who the engine keeps credentials for.
  const session = { threadId: crypto.randomUUID(), userId: 'terminal-user' };
  printBanner({
    output: process.stdout,
    framework: 'LangChain createAgent',
    modelLabel: label,
    demoUser: stack.demoUser,
  });

  await runChat({
    input: process.stdin,
    output: process.stdout,
    signal: interrupted.signal,
    respond: (text, signal) =>
      runChatTurn({ agent, client: stack.client, text, session, output: process.stdout, signal }),
  });
} finally {
  await stack.close();
}
process.stdout.write('Bye.\n');

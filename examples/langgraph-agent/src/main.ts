import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoPrompt, startLocalStack } from '@toolgrant/example-local-stack';
import { chooseModel } from './choose-model.js';
import { createChatAgent } from './create-chat-agent.js';
import { runChat } from './run-chat.js';
import { runChatTurn } from './run-chat-turn.js';

// `pnpm start`: the local stack in this process, LangChain's agent on top, a chat in the
// terminal.

const exampleDirectory = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const envFile = path.join(exampleDirectory, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

// Ctrl-C when input is not a terminal (in one, readline reads it as a key). The listener stays
// until the process ends, so a second one while the stack closes does not cut that short.
const interrupted = new AbortController();
process.on('SIGINT', () => interrupted.abort());

const stack = await startLocalStack({
  // Tests point this elsewhere, so a run of them leaves .data alone.
  dataDirectory: process.env.EXAMPLE_DATA_DIR ?? path.join(exampleDirectory, '.data', 'engine'),
});
try {
  const { model, label } = chooseModel();
  const agent = await createChatAgent({ client: stack.client, model });
  // A fresh thread per chat session; the user id is who the engine keeps credentials for.
  const session = { threadId: crypto.randomUUID(), userId: 'terminal-user' };
  const { username, password } = stack.demoUser;

  process.stdout.write(
    [
      'Toolgrant × LangChain createAgent — a terminal chat whose tools act for you.',
      `Model: ${label}`,
      `When asked to authorize, sign in at the demo provider as ${username} / ${password}.`,
      `Try: ${demoPrompt}   (exit, Ctrl-D or Ctrl-C to leave)`,
      '',
    ].join('\n'),
  );

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

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BaseMessage } from '@langchain/core/messages';
import { demoPrompt, type LocalStack, startLocalStack } from '@toolgrant/example-local-stack';
import { completeConsent } from '@toolgrant/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatAgent } from './create-chat-agent.js';
import { runChatTurn } from './run-chat-turn.js';
import { ScriptedChatModel } from './scripted-chat-model.js';

// A turn in this process, against the local stack: createAgent's real loop, the real engine
// and the testkit's provider. The terminal test drives the whole program; this one looks at
// what the model saw and at a person who never finishes.

class RecordingModel extends ScriptedChatModel {
  readonly prompts: BaseMessage[][] = [];
  override async _generate(messages: BaseMessage[]) {
    this.prompts.push(messages);
    return super._generate(messages);
  }
}

let stack: LocalStack;
let dataDirectory: string;

beforeAll(async () => {
  dataDirectory = await mkdtemp(path.join(tmpdir(), 'langgraph-agent-turn-'));
  stack = await startLocalStack({ dataDirectory });
});

afterAll(async () => {
  await stack?.close();
  await rm(dataDirectory, { recursive: true, force: true });
});

function recordingOutput() {
  let printed = '';
  return {
    output: {
      write: (text: string) => {
        printed += text;
      },
    },
    printed: () => printed,
    // The links printed, in order.
    links: () => [...printed.matchAll(/Authorize demo-mail: (\S+)\n/g)].map((match) => match[1]),
  };
}

describe('runChatTurn', () => {
  it('prints a timed-out authorization plainly; asked again, it pauses anew and answers after consent', async () => {
    const model = new RecordingModel();
    const agent = await createChatAgent({ client: stack.client, model });
    const session = { threadId: 'slow-person', userId: 'slow-person' };
    const terminal = recordingOutput();
    const turn = { agent, client: stack.client, session, output: terminal.output };

    await runChatTurn({ ...turn, text: demoPrompt, authorizationTimeoutMs: 1_000 });
    expect(terminal.printed()).toBe(
      [
        `Authorize demo-mail: ${terminal.links()[0]}`,
        'Waiting for you to approve in the browser…',
        'Authorization failed: it was not approved within 1 second; ask again to retry.',
        '',
      ].join('\n'),
    );
    // The run was resumed with a decline: the model was told the tool did not run.
    expect(model.prompts.at(-1)?.at(-1)?.text).toContain('did not run');

    const approving = runChatTurn({ ...turn, text: demoPrompt });
    while (terminal.links().length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    const link = terminal.links()[1] ?? '';
    // Nobody opened the first link, so the engine hands out the same pending authorization
    // again rather than a new one on every ask.
    expect(link).toBe(terminal.links()[0]);
    await completeConsent({
      authorizationUrl: link,
      username: 'alice',
      password: 'alice-password',
    });
    await approving;
    expect(terminal.printed()).toMatch(
      /Authorized demo-mail\.\nagent › You have 2 messages:\n- “Lunch on Thursday\?” from bob@example\.test\n- “Your invoice for January” from billing@example\.test\n$/,
    );

    // Links are for the person: none reached the model.
    const promptText = model.prompts
      .flat()
      .map((message) => message.text)
      .join('\n');
    for (const url of terminal.links()) expect(promptText).not.toContain(url);
    expect(promptText).not.toContain('/v1/oauth/');
  }, 60_000);
});

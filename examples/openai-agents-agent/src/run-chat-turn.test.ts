import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ModelRequest } from '@openai/agents';
import { demoPrompt, type LocalStack, startLocalStack } from '@toolgrant/example-local-stack';
import { completeConsent } from '@toolgrant/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatAgent } from './create-chat-agent.js';
import { runChatTurn } from './run-chat-turn.js';
import { ScriptedAgentsModel } from './scripted-agents-model.js';

// A turn in this process, against the local stack: the SDK's real Runner, the real engine and
// the testkit's provider. The terminal test drives the whole program; this one looks at what
// the model saw and at a person who never finishes.

class RecordingModel extends ScriptedAgentsModel {
  readonly requests: ModelRequest[] = [];
  override async getResponse(request: ModelRequest) {
    this.requests.push(request);
    return super.getResponse(request);
  }
}

let stack: LocalStack;
let dataDirectory: string;

beforeAll(async () => {
  dataDirectory = await mkdtemp(path.join(tmpdir(), 'openai-agents-agent-turn-'));
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
    links: () => [...printed.matchAll(/Authorize demo-mail: (\S+)\n/g)].map((match) => match[1]),
  };
}

describe('runChatTurn', () => {
  it('prints a timed-out authorization plainly; asked again, it pauses anew and answers after consent', async () => {
    const model = new RecordingModel();
    const agent = await createChatAgent({ client: stack.client, model });
    const session = { userId: 'slow-person', history: [] };
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
    // The interruption was rejected: the model read that the tool did not run.
    expect(JSON.stringify(model.requests.at(-1)?.input)).toContain(
      'Tool execution was not approved.',
    );

    const approving = runChatTurn({ ...turn, text: demoPrompt });
    while (terminal.links().length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    const link = terminal.links()[1] ?? '';
    await completeConsent({
      authorizationUrl: link,
      username: 'alice',
      password: 'alice-password',
    });
    await approving;
    expect(terminal.printed()).toMatch(
      /Authorized demo-mail\.\nagent › You have 2 messages:\n- “Lunch on Thursday\?” from bob@example\.test\n- “Your invoice for January” from billing@example\.test\n$/,
    );

    // Links are for the person: none reached the model, nor did anything secret.
    const seen = JSON.stringify(model.requests);
    for (const url of terminal.links()) expect(seen).not.toContain(url);
    expect(seen).not.toContain('/v1/oauth/');
    expect(seen).not.toMatch(/bearer|access_token|refresh_token/i);
  }, 60_000);
});

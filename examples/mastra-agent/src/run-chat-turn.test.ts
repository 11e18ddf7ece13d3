import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RequestContext } from '@mastra/core/request-context';
import { demoPrompt, type LocalStack, startLocalStack } from '@toolgrant/example-local-stack';
import { userIdContextKey } from '@toolgrant/mastra';
import { completeConsent } from '@toolgrant/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseModel } from './choose-model.js';
import { createInboxAgent } from './create-inbox-agent.js';
import { runChatTurn } from './run-chat-turn.js';

// One chat turn in Mastra's real loop, in this process, against the local stack.

let parent: string;
let stack: LocalStack;

beforeAll(async () => {
  parent = await mkdtemp(path.join(tmpdir(), 'toolgrant-mastra-turn-'));
  stack = await startLocalStack({ dataDirectory: path.join(parent, 'engine') });
});

afterAll(async () => {
  await stack?.close();
  await rm(parent, { recursive: true, force: true });
});

function recorder() {
  const written: string[] = [];
  return { output: { write: (text: string) => written.push(text) }, text: () => written.join('') };
}

const { model } = chooseModel({});

describe('runChatTurn', () => {
  it('gives up after the timeout, says so plainly, and resumes the run so the model tells the user', async () => {
    const agent = await createInboxAgent({
      client: stack.client,
      model,
      storageUrl: `file:${path.join(parent, 'timeout.db')}`,
    });
    const { output, text } = recorder();
    await runChatTurn({
      agent,
      client: stack.client,
      text: demoPrompt,
      userId: 'user-who-waits',
      threadId: 'thread-timeout',
      output,
      authorizationTimeoutMs: 2_000,
    });
    expect(text()).toMatch(
      /^Authorize demo-mail: \S+\nWaiting for you to approve in the browser…\nAuthorization failed: it was not approved within 2 seconds; ask again to retry\.\nagent › I could not read your inbox: the authorization of demo-mail did not go through, so nothing was read\./,
    );
  }, 60_000);

  it('a run suspended in one Mastra instance resumes in another on the same store file', async () => {
    const storageUrl = `file:${path.join(parent, 'shared.db')}`;
    const first = await createInboxAgent({ client: stack.client, model, storageUrl });
    const requestContext = new RequestContext();
    requestContext.set(userIdContextKey, 'user-shared');
    const options = {
      requestContext,
      memory: { thread: 'thread-shared', resource: 'user-shared' },
    };
    const stream = await first.stream(demoPrompt, options);
    let suspended: { toolCallId: string; suspendPayload: unknown } | undefined;
    for await (const chunk of stream.fullStream) {
      if (chunk.type === 'tool-call-suspended') suspended = chunk.payload;
    }
    const payload = suspended?.suspendPayload as { authorization: { url: string } };
    await completeConsent({
      authorizationUrl: payload.authorization.url,
      username: stack.demoUser.username,
      password: stack.demoUser.password,
    });

    const resume = { ...options, runId: stream.runId, toolCallId: suspended?.toolCallId as string };

    // Not from memory: an instance on another file does not know the run.
    const elsewhere = await createInboxAgent({
      client: stack.client,
      model,
      storageUrl: `file:${path.join(parent, 'other.db')}`,
    });
    await expect(elsewhere.resumeStream({}, resume)).rejects.toMatchObject({
      id: 'AGENT_RESUME_NO_SNAPSHOT_FOUND',
    });

    const second = await createInboxAgent({ client: stack.client, model, storageUrl });
    const resumed = await second.resumeStream({}, resume);
    expect(await resumed.text).toContain('“Lunch on Thursday?” from bob@example.test');
  }, 60_000);
});

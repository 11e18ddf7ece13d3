import { Agent } from '@mastra/core/agent';
import { Mastra } from '@mastra/core/mastra';
import { RequestContext } from '@mastra/core/request-context';
import { InMemoryStore } from '@mastra/core/storage';
import { ToolTransportError, UserIdRequiredError } from '@toolgrant/core';
import {
  type InboxEngine,
  startInboxEngine,
  testkitClientSecret,
} from '@toolgrant/inbox-engine-fixture';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AuthorizationSuspendPayload,
  authorizationSuspendType,
  createMastraTools,
  isAuthorizationSuspendPayload,
  userIdContextKey,
} from '../src/index.js';
import { type ModelPrompt, type ModelTurn, promptText, scriptedModel } from './scripted-model.js';

// The Mastra agent loop for real: an Agent on the AI SDK's MockLanguageModelV4 inside a Mastra
// instance with in-memory storage, its tools from the engine through the official client, and
// consent given at the testkit's OAuth provider.

let inbox: InboxEngine;

beforeEach(async () => {
  inbox = await startInboxEngine();
});

afterEach(async () => {
  await inbox.close();
});

async function createAgent({ turns, userId }: { turns: ModelTurn[]; userId?: string }) {
  const tools = await createMastraTools({
    client: inbox.client,
    toolkits: ['Inbox', 'Utility', 'Greeter'],
    ...(userId === undefined ? {} : { userId }),
  });
  const { model, prompts, offeredTools } = scriptedModel(turns);
  const agent = new Agent({
    id: 'inbox-agent',
    name: 'Inbox agent',
    instructions: 'You read the user their inbox.',
    model,
    tools,
  });
  const mastra = new Mastra({ agents: { agent }, storage: new InMemoryStore(), logger: false });
  return { agent: mastra.getAgent('agent'), prompts, offeredTools };
}

function contextFor(userId: string): RequestContext {
  const requestContext = new RequestContext();
  requestContext.set(userIdContextKey, userId);
  return requestContext;
}

const listMessages = (toolCallId: string): ModelTurn => ({
  toolCalls: [{ toolCallId, toolName: 'Inbox_ListMessages', input: {} }],
});

/** The tool result a prompt ends with, as the model reads it. */
function lastToolOutput(prompt: ModelPrompt | undefined): unknown {
  const message = prompt?.at(-1);
  const part = message?.role === 'tool' ? message.content[0] : undefined;
  if (part?.type !== 'tool-result') throw new Error('The prompt does not end with a tool result.');
  return part.output;
}

function requestsSince(start: number) {
  return inbox.requests.slice(start).map(({ method, path }) => `${method} ${path}`);
}

/** What must never reach a model: secrets, and the link meant for the user. */
function expectNothingSecret(prompts: readonly unknown[], authorizationUrl: string) {
  const seen = promptText(prompts);
  // The tool really held the user's access token, and the model never saw it.
  expect(inbox.tokens.length).toBeGreaterThan(0);
  for (const token of inbox.tokens) expect(seen).not.toContain(token);
  expect(seen).not.toContain(inbox.apiKey);
  expect(seen).not.toContain(testkitClientSecret);
  expect(seen).not.toContain(authorizationUrl);
  expect(seen).not.toMatch(/bearer|access_token|refresh_token/i);
}

/** Consent, at the provider, to the authorization a suspended run carries. */
async function consentTo(suspended: { suspendPayload?: unknown }, username: 'alice' | 'bob') {
  const { suspendPayload } = suspended.suspendPayload as {
    suspendPayload: AuthorizationSuspendPayload;
  };
  await inbox.provider.completeConsent({
    authorizationUrl: suspendPayload.authorization.url ?? '',
    username,
    password: `${username}-password`,
  });
}

describe('an agent calling a tool the user has not authorized', () => {
  it('generate: suspends with the URL, resumes after consent, and the model reads the inbox', async () => {
    const { agent, prompts } = await createAgent({
      turns: [listMessages('call-1'), { text: 'You have lunch on Thursday.' }],
    });
    const requestContext = contextFor('alice');

    const suspended = await agent.generate('What is in my inbox?', { requestContext });
    expect(suspended.finishReason).toBe('suspended');
    const { toolCallId, toolName, suspendPayload } = suspended.suspendPayload as {
      toolCallId: string;
      toolName: string;
      suspendPayload: AuthorizationSuspendPayload;
    };
    expect(toolCallId).toBe('call-1');
    expect(toolName).toBe('Inbox_ListMessages');
    expect(isAuthorizationSuspendPayload(suspendPayload)).toBe(true);
    expect(suspendPayload).toMatchObject({
      type: authorizationSuspendType,
      // The name Mastra reports the call under, as in the other adapters; and Toolgrant's name.
      toolName: 'Inbox_ListMessages',
      qualifiedName: 'Inbox.ListMessages',
      authorization: { providerId: 'testkit', scopes: ['inbox.read'], status: 'pending' },
    });
    const authorizationUrl = suspendPayload.authorization.url ?? '';
    expect(authorizationUrl.startsWith(`${inbox.url}/v1/oauth/`)).toBe(true);
    expect(prompts).toHaveLength(1);

    const consent = await inbox.provider.completeConsent({
      authorizationUrl,
      username: 'alice',
      password: 'alice-password',
    });
    expect(consent.callback?.status).toBe(200);

    const resumed = await agent.resumeGenerate(
      {},
      { runId: suspended.runId, toolCallId, requestContext },
    );
    expect(resumed.finishReason).toBe('stop');
    expect(resumed.text).toBe('You have lunch on Thursday.');
    expect(prompts).toHaveLength(2);
    // The model's next call holds the protected API's data: alice's inbox, not bob's.
    const toolMessage = promptText([prompts[1]?.at(-1)]);
    expect(toolMessage).toContain('Lunch on Thursday?');
    expect(toolMessage).toContain('alice@example.test');
    expectNothingSecret(prompts, authorizationUrl);
  });

  it('stream: a tool-call-suspended chunk carries the URL; resumeStream runs the tool', async () => {
    const { agent, prompts } = await createAgent({
      userId: 'bob',
      turns: [listMessages('call-1'), { text: 'Done.' }],
    });

    const stream = await agent.stream('What is in my inbox?');
    const chunks = [];
    for await (const chunk of stream.fullStream) chunks.push(chunk);
    const suspendedChunk = chunks.find((chunk) => chunk.type === 'tool-call-suspended');
    if (suspendedChunk?.type !== 'tool-call-suspended') throw new Error('no suspended chunk');
    const payload = suspendedChunk.payload.suspendPayload;
    if (!isAuthorizationSuspendPayload(payload)) throw new Error('not an authorization payload');
    const authorizationUrl = payload.authorization.url ?? '';

    await inbox.provider.completeConsent({
      authorizationUrl,
      username: 'bob',
      password: 'bob-password',
    });
    const resumed = await agent.resumeStream(
      {},
      { runId: stream.runId, toolCallId: suspendedChunk.payload.toolCallId },
    );
    const resumedChunks = [];
    for await (const chunk of resumed.fullStream) resumedChunks.push(chunk);
    const result = resumedChunks.find((chunk) => chunk.type === 'tool-result');
    if (result?.type !== 'tool-result') throw new Error('no tool result');
    expect(result.payload.result).toMatchObject({ user: { id: 'bob' } });
    expect(await resumed.text).toBe('Done.');
    expect(promptText([prompts[1]?.at(-1)])).toContain('bob@example.test');
    expectNothingSecret(prompts, authorizationUrl);
  });

  it('costs one request per call once the user has authorized', async () => {
    const { agent } = await createAgent({
      userId: 'alice',
      turns: [
        listMessages('call-1'),
        { text: 'First.' },
        listMessages('call-2'),
        { text: 'Again.' },
      ],
    });
    const first = await agent.generate('Inbox?');
    await consentTo(first, 'alice');
    const beforeResume = inbox.requests.length;
    await agent.resumeGenerate({}, { runId: first.runId, toolCallId: 'call-1' });
    // Resumed: the wait for the approval, the check, the run.
    expect(requestsSince(beforeResume)).toEqual([
      'GET /v1/auth/status',
      'POST /v1/tools/authorize',
      'POST /v1/tools/execute',
    ]);

    const beforeSecondRun = inbox.requests.length;
    const second = await agent.generate('Inbox again?');
    expect(second.text).toBe('Again.');
    expect(requestsSince(beforeSecondRun)).toEqual(['POST /v1/tools/execute']);
  });

  it("resumed, a call the engine still refuses follows core's rule: no second suspend, the model reads that the user has still not authorized", async () => {
    const { agent, prompts } = await createAgent({
      userId: 'alice',
      turns: [listMessages('call-1'), { text: 'Not yet.' }],
    });
    const suspended = await agent.generate('Inbox?');
    await consentTo(suspended, 'alice');
    // The authorization completed, then the grant was taken back before the run resumed.
    const connections = await inbox.client.admin.userConnections.list({ user_id: 'alice' });
    for (const connection of connections.items) {
      await inbox.client.admin.userConnections.delete(connection.id!);
    }

    const resumed = await agent.resumeGenerate(
      {},
      { runId: suspended.runId, toolCallId: 'call-1' },
    );

    expect(resumed.finishReason).toBe('stop');
    expect(resumed.text).toBe('Not yet.');
    expect(promptText([prompts[1]?.at(-1)])).toContain(
      'Error (TOOL_AUTHORIZATION_NOT_COMPLETED): The user has still not authorized testkit. The tool did not run; tell the user, who can ask again when ready.',
    );
  });

  it('tells the model when the user declined, and does not run the tool', async () => {
    const { agent, prompts } = await createAgent({
      userId: 'alice',
      turns: [listMessages('call-1'), { text: 'Maybe later.' }],
    });
    const suspended = await agent.generate('Inbox?');
    const beforeResume = inbox.requests.length;
    const resumed = await agent.resumeGenerate(
      { declined: true },
      { runId: suspended.runId, toolCallId: 'call-1' },
    );
    expect(resumed.text).toBe('Maybe later.');
    expect(promptText([prompts[1]?.at(-1)])).toContain('The user declined to authorize testkit');
    expect(requestsSince(beforeResume)).toEqual([]);
  });
});

describe('what the model reads when a call goes wrong', () => {
  it('bad arguments: every bad field is listed, the tool is not called, the loop goes on', async () => {
    const { agent, prompts } = await createAgent({
      userId: 'alice',
      turns: [
        {
          toolCalls: [
            {
              toolCallId: 'call-1',
              toolName: 'Utility_Repeat',
              input: { text: 5, times: 'twice', colour: 'red' },
            },
          ],
        },
        {
          toolCalls: [
            { toolCallId: 'call-2', toolName: 'Utility_Repeat', input: { text: 'hi', times: 2 } },
          ],
        },
        { text: 'hi hi' },
      ],
    });
    const before = inbox.requests.length;
    const output = await agent.generate('Say hi twice');
    expect(output.text).toBe('hi hi');
    const firstResult = promptText([prompts[1]?.at(-1)]);
    // Core's words for each bad field, once per line of Mastra's list.
    expect(firstResult).toMatch(/- text: [^\n]*expected a string, received 5/);
    expect(firstResult).toMatch(/- times: [^\n]*expected an integer/);
    expect(firstResult).toContain('colour');
    const { message } = (lastToolOutput(prompts[1]) as { value: { message: string } }).value;
    expect(message.split('\n')).toEqual(
      expect.arrayContaining([
        '- text: expected a string, received 5',
        '- times: expected an integer, received "twice"',
        '- colour: unknown argument (this tool takes text, times)',
      ]),
    );
    // Only the corrected call reached the engine.
    expect(requestsSince(before)).toEqual(['POST /v1/tools/execute']);
    expect(promptText([prompts[2]?.at(-1)])).toContain('"repeated":["hi","hi"]');
  });

  it('a strict-mode call with null for optional arguments runs the tool, the nulls removed', async () => {
    const { agent, prompts } = await createAgent({
      userId: 'alice',
      turns: [
        {
          toolCalls: [
            {
              toolCallId: 'call-1',
              toolName: 'Greeter_Greet',
              input: { name: 'Ada', language: null, times: null },
            },
          ],
        },
        { text: 'Greeted.' },
      ],
    });
    const before = inbox.executedInputs.length;
    const output = await agent.generate('Greet Ada');
    expect(output.text).toBe('Greeted.');
    expect(inbox.executedInputs.slice(before)).toEqual([{ name: 'Ada' }]);
    expect(lastToolOutput(prompts[1])).toEqual({ type: 'text', value: 'Hello, Ada!' });
  });

  it('bad arguments next to strict-mode nulls: only the bad field is reported', async () => {
    const { agent, prompts } = await createAgent({
      userId: 'alice',
      turns: [
        {
          toolCalls: [
            {
              toolCallId: 'call-1',
              toolName: 'Greeter_Greet',
              input: { name: 42, language: null, times: null },
            },
          ],
        },
        { text: 'Sorry.' },
      ],
    });
    const before = inbox.requests.length;
    await agent.generate('Greet 42');
    const { message } = (lastToolOutput(prompts[1]) as { value: { message: string } }).value;
    expect(message).toContain('\n- name: expected a string, received 42\n');
    // The nulls were absent arguments, not mistakes to tell the model about.
    expect(message).not.toMatch(/- (language|times):/);
    expect(requestsSince(before)).toEqual([]);
  });

  it('offers the model the full JSON Schema of a tool: descriptions, enums, required keys', async () => {
    const { agent, offeredTools } = await createAgent({ turns: [{ text: 'Hi.' }] });
    await agent.generate('Hi');
    const greet = offeredTools[0]?.find((tool) => tool.name === 'Greeter_Greet');
    expect(greet).toEqual({
      type: 'function',
      name: 'Greeter_Greet',
      description: 'Greets someone by name.',
      inputSchema: {
        type: 'object',
        properties: {
          name: { type: 'string', description: 'Who to greet' },
          language: {
            type: 'string',
            enum: ['en', 'fr'],
            description: 'The language of the greeting',
          },
          times: {
            type: 'integer',
            description: 'How many times to greet',
            minimum: Number.MIN_SAFE_INTEGER,
            maximum: Number.MAX_SAFE_INTEGER,
          },
        },
        required: ['name'],
        additionalProperties: false,
      },
    });
  });

  it('a retryable tool error shows the model the retry hint', async () => {
    const { agent, prompts } = await createAgent({
      userId: 'alice',
      turns: [
        {
          toolCalls: [
            { toolCallId: 'call-1', toolName: 'Utility_Forecast', input: { city: 'Paris' } },
          ],
        },
        { text: 'The service is busy.' },
      ],
    });
    await agent.generate('Weather in Paris?');
    const result = promptText([prompts[1]?.at(-1)]);
    expect(result).toContain('Error (TOOL_RUNTIME_RETRY): The weather service is busy.');
    expect(result).toContain('Ask for a city nearby instead, or wait.');
    expect(result).toContain('You may retry after 3 seconds.');
  });

  it('without a user id, the tool error names the option and the request-context key', async () => {
    const { agent } = await createAgent({ turns: [listMessages('call-1'), { text: 'Sorry.' }] });
    const stream = await agent.stream('Inbox?');
    const chunks = [];
    for await (const chunk of stream.fullStream) chunks.push(chunk);
    const failure = chunks.find((chunk) => chunk.type === 'tool-error');
    if (failure?.type !== 'tool-error') throw new Error('no tool error');
    const error = failure.payload.error as Error & { id?: string };
    expect(error.id).toBe('TOOL_EXECUTION_FAILED');
    expect(UserIdRequiredError.isInstance(error.cause)).toBe(true);
    expect((error.cause as Error).message).toContain(
      "Pass userId to createMastraTools, or set 'userId' in the request context",
    );
  });

  it('a transport failure reaches the developer as a tool-error chunk, not as a tool result', async () => {
    const { agent } = await createAgent({
      userId: 'alice',
      turns: [
        {
          toolCalls: [
            { toolCallId: 'call-1', toolName: 'Utility_Repeat', input: { text: 'a', times: 1 } },
          ],
        },
        { text: 'The engine is down.' },
      ],
    });
    await inbox.stopServing();
    const stream = await agent.stream('Repeat a');
    const chunks = [];
    for await (const chunk of stream.fullStream) chunks.push(chunk);
    expect(chunks.some((chunk) => chunk.type === 'tool-result')).toBe(false);
    const failure = chunks.find((chunk) => chunk.type === 'tool-error');
    if (failure?.type !== 'tool-error') throw new Error('no tool error');
    // Mastra's own error for a failed tool, with core's error as its cause.
    const error = failure.payload.error as Error & { id?: string };
    expect(error.id).toBe('TOOL_EXECUTION_FAILED');
    expect(ToolTransportError.isInstance(error.cause)).toBe(true);
    expect(error.cause).toMatchObject({ reason: 'unreachable' });
  });
});

import { Agent, type ModelRequest, Runner, ToolCallError } from '@openai/agents';
import { ToolTransportError, UserIdRequiredError } from '@toolgrant/core';
import {
  type InboxEngine,
  startInboxEngine,
  testkitClientSecret,
} from '@toolgrant/inbox-engine-fixture';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AuthorizationInterruption,
  authorizationsContextKey,
  createOpenAIAgentsTools,
  getAuthorizationInterruptions,
  type ToOpenAIAgentsToolsOptions,
} from '../src/index.js';
import { resumeInNewProcess } from './resume-in-new-process.js';
import { lastToolOutput, type ModelTurn, requestText, scriptedModel } from './scripted-model.js';

// The SDK's own Runner loop for real: an Agent on a scripted implementation of the SDK's Model
// interface, its tools from the engine through the official client, consent given at the
// testkit's OAuth provider, and every engine request counted at the engine.

let inbox: InboxEngine;

beforeEach(async () => {
  inbox = await startInboxEngine();
});

afterEach(async () => {
  await inbox.close();
});

const runner = new Runner({ tracingDisabled: true });

async function createAgent({
  turns,
  ...options
}: { turns: ModelTurn[] } & Partial<Omit<ToOpenAIAgentsToolsOptions, 'definitions'>>) {
  const tools = await createOpenAIAgentsTools({
    client: inbox.client,
    toolkits: ['Inbox', 'Utility', 'Greeter'],
    ...options,
  });
  const { model, requests } = scriptedModel(turns);
  const agent = new Agent({
    name: 'Inbox agent',
    instructions: 'You read the user their inbox.',
    model,
    tools,
  });
  return { agent, requests };
}

const listMessages = (callId: string): ModelTurn => ({
  toolCalls: [{ callId, name: 'Inbox_ListMessages', input: {} }],
});

function requestsSince(start: number) {
  return inbox.requests.slice(start).map(({ method, path }) => `${method} ${path}`);
}

/** What must never reach a model: secrets, and the link meant for the user. */
function expectNothingSecret(requests: readonly ModelRequest[], authorizationUrl: string) {
  const seen = requestText(requests);
  // The tool really held the user's access token, and the model never saw it.
  expect(inbox.tokens.length).toBeGreaterThan(0);
  for (const token of inbox.tokens) {
    expect(seen).not.toContain(token);
    expect(seen).not.toContain(Buffer.from(token).toString('base64'));
    expect(seen).not.toContain(encodeURIComponent(token));
  }
  expect(seen).not.toContain(inbox.apiKey);
  expect(seen).not.toContain(testkitClientSecret);
  expect(seen).not.toContain(authorizationUrl);
  expect(seen).not.toContain('/v1/oauth/');
  expect(seen).not.toMatch(/bearer|access_token|refresh_token/i);
}

async function consent(interruption: AuthorizationInterruption, username: 'alice' | 'bob') {
  const consented = await inbox.provider.completeConsent({
    authorizationUrl: interruption.authorization.url ?? '',
    username,
    password: `${username}-password`,
  });
  expect(consented.callback?.status).toBe(200);
}

function onlyInterruption(result: Parameters<typeof getAuthorizationInterruptions>[0]) {
  const interruptions = getAuthorizationInterruptions(result);
  expect(interruptions).toHaveLength(1);
  return interruptions[0] as AuthorizationInterruption;
}

describe('a run calling a tool the user has not authorized', () => {
  it('is interrupted with the URL; approved after consent, it resumes and the model reads the inbox', async () => {
    const { agent, requests } = await createAgent({
      turns: [listMessages('call-1'), { text: 'You have lunch on Thursday.' }],
    });

    const interrupted = await runner.run(agent, 'What is in my inbox?', {
      context: { userId: 'alice' },
    });
    expect(interrupted.finalOutput).toBeUndefined();
    expect(interrupted.interruptions).toHaveLength(1);
    const pending = onlyInterruption(interrupted);
    expect(pending).toMatchObject({
      type: 'toolgrant/authorization_required',
      toolName: 'Inbox_ListMessages',
      qualifiedName: 'Inbox.ListMessages',
      toolCallId: 'call-1',
      authorization: { providerId: 'testkit', scopes: ['inbox.read'], status: 'pending' },
    });
    expect(pending.interruption.rawItem).toEqual(interrupted.interruptions[0]?.rawItem);
    const authorizationUrl = pending.authorization.url ?? '';
    expect(authorizationUrl.startsWith(`${inbox.url}/v1/oauth/`)).toBe(true);
    // Nothing ran: the engine was asked for the authorization only.
    expect(inbox.requests.map(({ path }) => path)).not.toContain('/v1/tools/execute');
    expect(requests).toHaveLength(1);

    await consent(pending, 'alice');
    interrupted.state.approve(pending.interruption);
    const beforeResume = inbox.requests.length;
    const resumed = await runner.run(agent, interrupted.state);

    expect(resumed.finalOutput).toBe('You have lunch on Thursday.');
    // Resumed: the wait for the consent, the check, the run.
    expect(requestsSince(beforeResume)).toEqual([
      'GET /v1/auth/status',
      'POST /v1/tools/authorize',
      'POST /v1/tools/execute',
    ]);
    expect(requests).toHaveLength(2);
    // The model's next request holds the protected API's data: alice's inbox, not bob's.
    const toolOutput = lastToolOutput(requests[1]);
    expect(toolOutput).toContain('Lunch on Thursday?');
    expect(toolOutput).toContain('alice@example.test');
    // The resumed call is done with its authorization.
    expect(resumed.runContext.context).toEqual({ userId: 'alice', [authorizationsContextKey]: {} });
    expectNothingSecret(requests, authorizationUrl);
  });

  it('costs one engine request per call once the user has authorized', async () => {
    const { agent } = await createAgent({
      userId: 'alice',
      turns: [
        listMessages('call-1'),
        { text: 'First.' },
        listMessages('call-2'),
        { text: 'Again.' },
      ],
    });
    const first = await runner.run(agent, 'Inbox?');
    const pending = onlyInterruption(first);
    await consent(pending, 'alice');
    first.state.approve(pending.interruption);
    expect((await runner.run(agent, first.state)).finalOutput).toBe('First.');

    const before = inbox.requests.length;
    const second = await runner.run(agent, 'Inbox again?');
    expect(second.interruptions).toEqual([]);
    expect(second.finalOutput).toBe('Again.');
    expect(requestsSince(before)).toEqual(['POST /v1/tools/execute']);
  });

  it('resumes across processes: the serialized state is restored, approved and run in a fresh one', async () => {
    const { agent, requests } = await createAgent({
      userId: 'bob',
      turns: [listMessages('call-1')],
    });
    const interrupted = await runner.run(agent, 'What is in my inbox?', { context: {} });
    const pending = onlyInterruption(interrupted);
    const serialized = interrupted.state.toString();
    // The authorization the call waits for travels in the serialized run context.
    expect(serialized).toContain(pending.authorization.id);
    await consent(pending, 'bob');

    const beforeResume = inbox.requests.length;
    const resumed = await resumeInNewProcess({
      engineUrl: inbox.url,
      apiKey: inbox.apiKey,
      userId: 'bob',
      state: serialized,
      turns: [{ text: 'Bob has mail.' }],
    });

    expect(resumed.finalOutput).toBe('Bob has mail.');
    expect(resumed.requests).toHaveLength(1);
    const toolOutput = lastToolOutput(resumed.requests[0]);
    expect(toolOutput).toContain('bob@example.test');
    expect(toolOutput).not.toContain('alice@example.test');
    // The fresh process knew nothing: it asked the engine, found the consent, and ran the tool.
    expect(requestsSince(beforeResume)).toContain('GET /v1/auth/status');
    expect(requestsSince(beforeResume).at(-1)).toBe('POST /v1/tools/execute');
    expect(requestsSince(beforeResume).filter((path) => path.endsWith('/execute'))).toHaveLength(1);
    expectNothingSecret([...requests, ...resumed.requests], pending.authorization.url ?? '');
  }, 60_000);

  it('rejected, the tool does not run and the model reads that it was not approved', async () => {
    const { agent, requests } = await createAgent({
      userId: 'alice',
      turns: [listMessages('call-1'), listMessages('call-2')],
    });
    const interrupted = await runner.run(agent, 'Inbox?');
    const pending = onlyInterruption(interrupted);
    interrupted.state.reject(pending.interruption);
    const before = inbox.requests.length;
    const resumed = await runner.run(agent, interrupted.state);

    expect(lastToolOutput(requests[1])).toBe('Tool execution was not approved.');
    // The model asked again in the same run: a fresh pause, and nothing ran.
    expect(requestsSince(before)).toEqual(['POST /v1/tools/authorize']);
    expect(onlyInterruption(resumed).toolCallId).toBe('call-2');
    // The rejected call waits for nothing: its entry left the run context.
    expect(resumed.runContext.context).toEqual({
      [authorizationsContextKey]: {
        'call-2': expect.objectContaining({ toolName: 'Inbox_ListMessages' }),
      },
    });
    expect(inbox.tokens).toEqual([]);
  });

  it('approved before consent, the tool does not run: the model reads that authorization is still required', async () => {
    const { agent, requests } = await createAgent({
      userId: 'alice',
      authorizationTimeoutMs: 300,
      turns: [listMessages('call-1'), { text: 'Not yet.' }],
    });
    const interrupted = await runner.run(agent, 'Inbox?');
    const pending = onlyInterruption(interrupted);
    interrupted.state.approve(pending.interruption);
    const before = inbox.executedInputs.length;
    const resumed = await runner.run(agent, interrupted.state);

    expect(resumed.finalOutput).toBe('Not yet.');
    expect(resumed.interruptions).toEqual([]);
    expect(lastToolOutput(requests[1])).toBe(
      'Error (TOOL_AUTHORIZATION_NOT_COMPLETED): The user did not finish authorizing testkit in time. The tool did not run; tell the user, who can ask again when ready.\nDo not retry this call as it is.',
    );
    expect(inbox.executedInputs.length).toBe(before);
    expect(inbox.tokens).toEqual([]);
  });

  it('approved after a consent the user then revoked: no second pause, the model reads that the user has still not authorized', async () => {
    const { agent, requests } = await createAgent({
      userId: 'alice',
      turns: [listMessages('call-1'), { text: 'Still not.' }],
    });
    const interrupted = await runner.run(agent, 'Inbox?');
    const pending = onlyInterruption(interrupted);
    await consent(pending, 'alice');
    const connections = await inbox.client.admin.userConnections.list({ user_id: 'alice' });
    for (const connection of connections.items) {
      await inbox.client.admin.userConnections.delete(connection.id!);
    }
    interrupted.state.approve(pending.interruption);
    const resumed = await runner.run(agent, interrupted.state);

    expect(resumed.interruptions).toEqual([]);
    expect(lastToolOutput(requests[1])).toContain(
      'Error (TOOL_AUTHORIZATION_NOT_COMPLETED): The user has still not authorized testkit. The tool did not run',
    );
    expect(inbox.tokens).toEqual([]);
  });

  it('a grant revoked after the session learned it: the call cannot pause, so the app gets the authorization and the model a note', async () => {
    const seen: unknown[] = [];
    const { agent, requests } = await createAgent({
      userId: 'alice',
      onAuthorizationRequired: (event) => seen.push(event),
      turns: [
        listMessages('call-1'),
        { text: 'First.' },
        listMessages('call-2'),
        { text: 'Later.' },
      ],
    });
    const first = await runner.run(agent, 'Inbox?');
    const pending = onlyInterruption(first);
    await consent(pending, 'alice');
    first.state.approve(pending.interruption);
    await runner.run(agent, first.state);
    const connections = await inbox.client.admin.userConnections.list({ user_id: 'alice' });
    for (const connection of connections.items) {
      await inbox.client.admin.userConnections.delete(connection.id!);
    }

    const second = await runner.run(agent, 'Inbox again?');
    expect(second.interruptions).toEqual([]);
    expect(second.finalOutput).toBe('Later.');
    expect(lastToolOutput(requests[3])).toBe(
      'The user has been shown a link to authorize testkit. This tool runs once they have approved; tell them so and do not call it again before then.',
    );
    expect(seen).toEqual([
      {
        toolName: 'Inbox_ListMessages',
        qualifiedName: 'Inbox.ListMessages',
        authorization: expect.objectContaining({
          url: expect.stringMatching(`^${inbox.url}/v1/oauth/`),
          providerId: 'testkit',
        }),
      },
    ]);
    expectNothingSecret(requests, pending.authorization.url ?? '');
  });

  it('a streamed run is interrupted the same way and resumes streamed', async () => {
    const { agent, requests } = await createAgent({
      userId: 'bob',
      turns: [listMessages('call-1'), { text: 'Done.' }],
    });
    const stream = await runner.run(agent, 'Inbox?', { stream: true });
    await stream.completed;
    const pending = onlyInterruption(stream);
    await consent(pending, 'bob');
    stream.state.approve(pending.interruption);
    const resumed = await runner.run(agent, stream.state, { stream: true });
    await resumed.completed;
    expect(resumed.finalOutput).toBe('Done.');
    expect(lastToolOutput(requests[1])).toContain('bob@example.test');
  });
});

describe('what the model reads when a call goes wrong', () => {
  it('bad arguments: every bad field in core words, the tool is not called, the loop goes on', async () => {
    const { agent, requests } = await createAgent({
      userId: 'alice',
      turns: [
        {
          toolCalls: [
            {
              callId: 'call-1',
              name: 'Utility_Repeat',
              input: { text: 5, times: 'twice', colour: 'red' },
            },
          ],
        },
        {
          toolCalls: [
            { callId: 'call-2', name: 'Utility_Repeat', input: { text: 'hi', times: 2 } },
          ],
        },
        { text: 'hi hi' },
      ],
    });
    const before = inbox.requests.length;
    const result = await runner.run(agent, 'Say hi twice');
    expect(result.finalOutput).toBe('hi hi');
    expect(lastToolOutput(requests[1])).toBe(
      [
        'Error (TOOL_RUNTIME_BAD_INPUT_VALUE): Invalid arguments for Utility.Repeat: text: expected a string, received 5; times: expected an integer, received "twice"; colour: unknown argument (this tool takes text, times)',
        'You may retry, after fixing what the message says.',
      ].join('\n'),
    );
    // Only the corrected call reached the engine.
    expect(requestsSince(before)).toEqual(['POST /v1/tools/execute']);
    expect(lastToolOutput(requests[2])).toBe('{"repeated":["hi","hi"]}');
  });

  it('bad arguments to a tool that needs consent: no interruption, no request, core message', async () => {
    const { agent, requests } = await createAgent({
      userId: 'alice',
      turns: [
        {
          toolCalls: [{ callId: 'call-1', name: 'Inbox_ListMessages', input: { folder: 'spam' } }],
        },
        { text: 'Oops.' },
      ],
    });
    const before = inbox.requests.length;
    const result = await runner.run(agent, 'Inbox?');
    expect(result.interruptions).toEqual([]);
    expect(lastToolOutput(requests[1])).toContain(
      'Invalid arguments for Inbox.ListMessages: folder: unknown argument (this tool takes no arguments)',
    );
    expect(requestsSince(before)).toEqual([]);
  });

  it('a strict-mode call with null for optional arguments runs the tool, the nulls removed', async () => {
    const { agent, requests } = await createAgent({
      userId: 'alice',
      turns: [
        {
          toolCalls: [
            {
              callId: 'call-1',
              name: 'Greeter_Greet',
              input: { name: 'Ada', language: null, times: null },
            },
          ],
        },
        { text: 'Greeted.' },
      ],
    });
    const before = inbox.executedInputs.length;
    expect((await runner.run(agent, 'Greet Ada')).finalOutput).toBe('Greeted.');
    expect(inbox.executedInputs.slice(before)).toEqual([{ name: 'Ada' }]);
    expect(lastToolOutput(requests[1])).toBe('Hello, Ada!');
  });

  it("offers the model core's strict JSON Schema: every key required, optional ones nullable", async () => {
    const { agent, requests } = await createAgent({ turns: [{ text: 'Hi.' }] });
    await runner.run(agent, 'Hi');
    const greet = requests[0]?.tools.find((tool) => tool.name === 'Greeter_Greet');
    expect(greet).toMatchObject({
      type: 'function',
      name: 'Greeter_Greet',
      description: 'Greets someone by name.',
      strict: true,
      parameters: {
        type: 'object',
        properties: {
          name: { type: 'string', description: 'Who to greet' },
          language: {
            type: ['string', 'null'],
            enum: ['en', 'fr', null],
            description: 'The language of the greeting',
          },
          times: { type: ['integer', 'null'], description: 'How many times to greet' },
        },
        required: ['name', 'language', 'times'],
        additionalProperties: false,
      },
    });
  });

  it('a retryable tool error shows the model the retry hint', async () => {
    const { agent, requests } = await createAgent({
      userId: 'alice',
      turns: [
        { toolCalls: [{ callId: 'call-1', name: 'Utility_Forecast', input: { city: 'Paris' } }] },
        { text: 'The service is busy.' },
      ],
    });
    await runner.run(agent, 'Weather in Paris?');
    const output = lastToolOutput(requests[1]);
    expect(output).toContain('Error (TOOL_RUNTIME_RETRY): The weather service is busy.');
    expect(output).toContain('Ask for a city nearby instead, or wait.');
    expect(output).toContain('You may retry after 3 seconds.');
  });
});

describe('which user a call acts for', () => {
  it('a bound user id wins over the run context', async () => {
    const { agent } = await createAgent({ userId: 'alice', turns: [listMessages('call-1')] });
    const before = inbox.requests.length;
    await runner.run(agent, 'Inbox?', { context: { userId: 'bob' } });
    expect(inbox.requests.slice(before)).toEqual([
      { method: 'POST', path: '/v1/tools/authorize', userId: 'alice' },
    ]);
  });

  it('without a user id, the run fails naming the option and the context key; the model reads nothing of it', async () => {
    const { agent, requests } = await createAgent({ turns: [listMessages('call-1')] });
    const failure = await runner.run(agent, 'Inbox?').catch((error: unknown) => error);
    // The SDK's own error for a failed tool, with core's error in it.
    expect(failure).toBeInstanceOf(ToolCallError);
    const { error } = failure as ToolCallError;
    expect(UserIdRequiredError.isInstance(error)).toBe(true);
    expect(error.message).toContain(
      "Pass userId to createOpenAIAgentsTools, or set 'userId' in the run context",
    );
    expect(requests).toHaveLength(1);
  });

  it('a run context that is not an object fails the run saying what to pass, before any pause', async () => {
    const { agent, requests } = await createAgent({
      userId: 'alice',
      turns: [listMessages('call-1')],
    });
    const failure = await runner
      .run(agent, 'Inbox?', { context: 'alice' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ToolCallError);
    expect((failure as ToolCallError).error.message).toContain(
      'Pass an object as the context: run(agent, input, { context: { userId } })',
    );
    expect(requests).toHaveLength(1);
  });

  it('an unreachable engine fails the run with core transport error, not a message to the model', async () => {
    const { agent, requests } = await createAgent({
      userId: 'alice',
      turns: [
        {
          toolCalls: [{ callId: 'call-1', name: 'Utility_Repeat', input: { text: 'a', times: 1 } }],
        },
        { text: 'unreachable' },
      ],
    });
    await inbox.stopServing();
    const failure = await runner.run(agent, 'Repeat a').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ToolCallError);
    const { error } = failure as ToolCallError;
    expect(ToolTransportError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'unreachable' });
    expect(requests).toHaveLength(1);
  });
});

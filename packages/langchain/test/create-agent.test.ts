import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { Command, MemorySaver } from '@langchain/langgraph';
import { ToolTransportError } from '@toolgrant/core';
import { createAgent, toolErrorMiddleware } from 'langchain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizationInterruptType,
  createLangChainTools,
  getAuthorizationInterrupts,
  type LangChainToolArtifact,
} from '../src/index.js';
import { type EngineFixture, startEngineFixture } from './engine-fixture.js';

// createLangChainTools in LangChain's own agent loop (createAgent) on LangChain's fake
// tool-calling model, against the real engine, the testkit's OAuth provider and its inbox.

let fixture: EngineFixture;
// Every prompt any fake model received, to scan for tokens at the end.
const prompts: BaseMessage[][] = [];

function scriptedModel() {
  const model = fakeModel();
  return {
    model,
    record: () => prompts.push(...model.calls.map((call) => call.messages)),
  };
}

function toolMessages(messages: readonly BaseMessage[]): ToolMessage[] {
  return messages.filter((message): message is ToolMessage => ToolMessage.isInstance(message));
}

const replyWithLastToolResult = (messages: BaseMessage[]) =>
  new AIMessage(`Tool said: ${String(toolMessages(messages).at(-1)?.content)}`);

beforeAll(async () => {
  fixture = await startEngineFixture();
});

afterAll(async () => {
  await fixture.close();
});

describe('createAgent with a checkpointer', () => {
  it('interrupts with the authorization URL, resumes after consent, and the model reads the inbox', async () => {
    const { model, record } = scriptedModel();
    model
      .respondWithTools([{ name: 'Inbox_ListMessages', args: {}, id: 'call-inbox-1' }])
      .respond(replyWithLastToolResult)
      .respondWithTools([{ name: 'Inbox_ListMessages', args: {}, id: 'call-inbox-2' }])
      .respond(replyWithLastToolResult);
    const tools = await createLangChainTools({ client: fixture.client, toolkits: ['Inbox'] });
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'Inbox_CountWords',
      'Inbox_Flaky',
      'Inbox_ListMessages',
    ]);
    const agent = createAgent({ model, tools, checkpointer: new MemorySaver() });
    const config = { configurable: { thread_id: 'alice-thread', user_id: 'alice' } };

    const paused = await agent.invoke(
      { messages: [new HumanMessage('What is in my inbox?')] },
      config,
    );
    const pending = getAuthorizationInterrupts(paused);
    expect(pending).toHaveLength(1);
    const [interrupt] = pending;
    expect(interrupt).toMatchObject({
      type: authorizationInterruptType,
      toolName: 'Inbox_ListMessages',
      qualifiedName: 'Inbox.ListMessages',
      toolCallId: 'call-inbox-1',
      authorization: { providerId: 'testkit', scopes: ['inbox.read'], status: 'pending' },
    });
    const authorizationUrl = interrupt?.authorization.url ?? '';
    expect(authorizationUrl.startsWith(`${fixture.url}/v1/oauth/`)).toBe(true);
    // Paused before the tool answered: the model was called once and saw no tool result.
    expect(model.callCount).toBe(1);
    expect(toolMessages(paused.messages)).toHaveLength(0);

    const consent = await fixture.provider.completeConsent({
      authorizationUrl,
      username: 'alice',
      password: 'alice-password',
    });
    expect(consent.callback?.status).toBe(200);

    const resumed = await agent.invoke(new Command({ resume: {} }), config);
    expect(getAuthorizationInterrupts(resumed)).toEqual([]);
    const [result] = toolMessages(resumed.messages);
    expect(result?.tool_call_id).toBe('call-inbox-1');
    expect(result?.status).toBe('success');
    const inbox = JSON.parse(String(result?.content)) as { user: { id: string } };
    expect(inbox.user.id).toBe('alice');
    expect((result?.artifact as LangChainToolArtifact | undefined)?.type).toBe('completed');
    // The model's next call carries the protected API's data.
    const secondPrompt = model.calls[1]?.messages ?? [];
    expect(toolMessages(secondPrompt).at(-1)?.content).toContain('"id":"alice"');
    expect(String(resumed.messages.at(-1)?.content)).toContain('"id":"alice"');

    // Once authorized, a tool call is exactly one request to the engine.
    fixture.requests.length = 0;
    const again = await agent.invoke({ messages: [new HumanMessage('And now?')] }, config);
    expect(fixture.requests).toEqual(['POST /v1/tools/execute']);
    expect(toolMessages(again.messages).at(-1)?.content).toContain('"id":"alice"');
    record();
  });

  it('tells the model the tool did not run when the user declines', async () => {
    const { model, record } = scriptedModel();
    model
      .respondWithTools([{ name: 'Inbox_ListMessages', args: {}, id: 'call-declined' }])
      .respond(replyWithLastToolResult);
    const tools = await createLangChainTools({
      client: fixture.client,
      toolkits: ['Inbox'],
      userId: 'bob',
    });
    const agent = createAgent({ model, tools, checkpointer: new MemorySaver() });
    const config = { configurable: { thread_id: 'bob-declines' } };

    const paused = await agent.invoke({ messages: [new HumanMessage('Inbox?')] }, config);
    expect(getAuthorizationInterrupts(paused)).toHaveLength(1);
    const resumed = await agent.invoke(new Command({ resume: { declined: true } }), config);
    const [result] = toolMessages(resumed.messages);
    expect(result?.content).toContain('The user declined to authorize testkit.');
    expect(result?.content).toContain('The tool did not run');
    record();
  });

  it('pauses a streamed run too, and tells the model when the user never finishes consent', async () => {
    const { model, record } = scriptedModel();
    model
      .respondWithTools([{ name: 'Inbox_ListMessages', args: {}, id: 'call-slow' }])
      .respond(replyWithLastToolResult);
    const tools = await createLangChainTools({
      client: fixture.client,
      toolkits: ['Inbox'],
      userId: 'dave',
      authorizationTimeoutMs: 1_000,
    });
    const agent = createAgent({ model, tools, checkpointer: new MemorySaver() });
    const config = { configurable: { thread_id: 'dave-never-consents' } };

    const found = [];
    const stream = await agent.stream(
      { messages: [new HumanMessage('Inbox?')] },
      { ...config, streamMode: 'updates' },
    );
    for await (const chunk of stream) found.push(...getAuthorizationInterrupts(chunk));
    expect(found).toHaveLength(1);
    expect(found[0]?.toolCallId).toBe('call-slow');

    const startedAt = Date.now();
    const resumed = await agent.invoke(new Command({ resume: {} }), config);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
    const [result] = toolMessages(resumed.messages);
    expect(result?.content).toContain('The user did not finish authorizing testkit in time.');
    expect(result?.content).toContain('Do not retry this call as it is.');
    record();
  });

  it("resumed, a call the engine still refuses follows core's rule: no second interrupt, the model reads why the tool did not run", async () => {
    const { model, record } = scriptedModel();
    model
      .respondWithTools([{ name: 'Inbox_ListMessages', args: {}, id: 'call-revoked' }])
      .respond(replyWithLastToolResult);
    const tools = await createLangChainTools({
      client: fixture.client,
      toolkits: ['Inbox'],
      userId: 'erin',
      authorizationTimeoutMs: 1_000,
    });
    const agent = createAgent({ model, tools, checkpointer: new MemorySaver() });
    const config = { configurable: { thread_id: 'erin-revoked' } };
    const paused = await agent.invoke({ messages: [new HumanMessage('Inbox?')] }, config);
    const [pending] = getAuthorizationInterrupts(paused);
    await fixture.provider.completeConsent({
      authorizationUrl: pending?.authorization.url ?? '',
      username: 'alice',
      password: 'alice-password',
    });
    // The authorization completed, then the grant was taken back before the run resumed.
    const connections = await fixture.client.admin.userConnections.list({ user_id: 'erin' });
    for (const connection of connections.items) {
      await fixture.client.admin.userConnections.delete(connection.id!);
    }

    const resumed = await agent.invoke(new Command({ resume: {} }), config);

    expect(getAuthorizationInterrupts(resumed)).toEqual([]);
    const [result] = toolMessages(resumed.messages);
    expect(result?.artifact).toMatchObject({
      type: 'error',
      error: { kind: 'TOOL_AUTHORIZATION_NOT_COMPLETED', canRetry: false },
    });
    expect(result?.content).toContain(
      'The tool did not run; tell the user, who can ask again when ready.',
    );
    record();
  });

  it('answers bad model arguments with each bad field, without calling the tool, and the loop goes on', async () => {
    const { model, record } = scriptedModel();
    model
      .respondWithTools([
        { name: 'Inbox_CountWords', args: { text: 42, times: 'twice' }, id: 'call-bad' },
      ])
      .respondWithTools([
        { name: 'Inbox_CountWords', args: { text: 'one two three', times: 2 }, id: 'call-good' },
      ])
      .respond(replyWithLastToolResult);
    const tools = await createLangChainTools({ client: fixture.client, toolkits: ['Inbox'] });
    const agent = createAgent({ model, tools });

    fixture.requests.length = 0;
    const result = await agent.invoke(
      { messages: [new HumanMessage('Count')] },
      { configurable: { user_id: 'alice' } },
    );
    const [bad, good] = toolMessages(result.messages);
    expect(bad?.status).toBe('error');
    expect(bad?.tool_call_id).toBe('call-bad');
    // Core's message, naming each bad field and what was expected.
    expect(bad?.content).toBe(
      [
        'Error (TOOL_RUNTIME_BAD_INPUT_VALUE): Invalid arguments for Inbox.CountWords: text: expected a string, received 42; times: expected an integer, received "twice"',
        'You may retry, after fixing what the message says.',
      ].join('\n'),
    );
    expect(bad?.artifact).toMatchObject({
      type: 'error',
      error: { kind: 'TOOL_RUNTIME_BAD_INPUT_VALUE', canRetry: true },
    });
    // The model's second call saw that error; only the corrected call reached the engine.
    expect(toolMessages(model.calls[1]?.messages ?? [])[0]?.content).toBe(bad?.content);
    expect(fixture.requests).toEqual(['POST /v1/tools/execute']);
    expect(good?.content).toBe('{"words":6}');
    // Nothing meant for developers: no stack trace, no file path.
    const promptText = model.calls
      .flatMap((call) => call.messages)
      .map((message) => String(message.content))
      .join('\n');
    expect(promptText).not.toMatch(/^\s*at /m);
    expect(promptText).not.toContain('.ts:');
    expect(promptText).not.toContain('node_modules');
    record();
  });

  it('runs a strict-mode call with nulls for optional arguments, the nulls removed', async () => {
    const { model, record } = scriptedModel();
    model
      .respondWithTools([
        {
          name: 'Inbox_CountWords',
          args: { text: 'a bb ccc', times: 2, min_length: null },
          id: 'call-strict',
        },
      ])
      .respond(replyWithLastToolResult);
    const tools = await createLangChainTools({ client: fixture.client, toolkits: ['Inbox'] });
    const agent = createAgent({ model, tools });

    const before = fixture.executedInputs.length;
    const result = await agent.invoke(
      { messages: [new HumanMessage('Count')] },
      { configurable: { user_id: 'alice' } },
    );
    const [counted] = toolMessages(result.messages);
    expect(counted?.status).toBe('success');
    expect(counted?.content).toBe('{"words":6}');
    expect(fixture.executedInputs.slice(before)).toEqual([{ text: 'a bb ccc', times: 2 }]);
    record();
  });

  it('shows the model the retry hint of a retryable tool error, not the developer message', async () => {
    const { model, record } = scriptedModel();
    model
      .respondWithTools([{ name: 'Inbox_Flaky', args: {}, id: 'call-flaky' }])
      .respond(replyWithLastToolResult);
    const reports: string[] = [];
    const tools = await createLangChainTools({
      client: fixture.client,
      toolkits: ['Inbox'],
      onError: (report) => reports.push(report.developerMessage ?? ''),
    });
    const agent = createAgent({ model, tools });

    const result = await agent.invoke(
      { messages: [new HumanMessage('Try it')] },
      { configurable: { user_id: 'alice' } },
    );
    const [flaky] = toolMessages(result.messages);
    expect(flaky?.content).toBe(
      [
        'Error (TOOL_RUNTIME_RETRY): The mail server is busy.',
        'Ask for fewer messages next time.',
        'You may retry after 3 seconds.',
      ].join('\n'),
    );
    expect(reports).toEqual(['upstream 503 from mx-7']);
    const prompt = JSON.stringify(model.calls[1]?.messages);
    expect(prompt).toContain('You may retry after 3 seconds.');
    expect(prompt).not.toContain('mx-7');
    record();
  });
});

describe('without a checkpointer', () => {
  it('returns the model-facing message and hands the authorization to onAuthorizationRequired', async () => {
    const { model, record } = scriptedModel();
    model
      .respondWithTools([{ name: 'Inbox_ListMessages', args: {}, id: 'call-no-graph' }])
      .respond(replyWithLastToolResult);
    const required: { toolName: string; url: string | undefined }[] = [];
    const tools = await createLangChainTools({
      client: fixture.client,
      toolkits: ['Inbox'],
      userId: 'bob',
      onAuthorizationRequired: ({ toolName, authorization }) =>
        required.push({ toolName, url: authorization.url }),
    });
    const agent = createAgent({ model, tools });

    const result = await agent.invoke({ messages: [new HumanMessage('Inbox?')] });
    expect(getAuthorizationInterrupts(result)).toEqual([]);
    const [message] = toolMessages(result.messages);
    expect(message?.content).toBe(
      'The user has been shown a link to authorize testkit. This tool runs once they have approved; tell them so and do not call it again before then.',
    );
    expect(required).toHaveLength(1);
    expect(required[0]?.toolName).toBe('Inbox_ListMessages');
    const url = required[0]?.url ?? '';
    expect(url.startsWith(`${fixture.url}/v1/oauth/`)).toBe(true);
    // The URL is in the message's artifact for the UI (chat models send only the content).
    expect(message?.artifact).toMatchObject({
      type: 'authorization_required',
      authorization: { url },
    });
    const contents = (model.calls[1]?.messages ?? []).map((prompt) => String(prompt.content));
    expect(contents.join('\n')).not.toContain(url);

    // After consent, the next turn runs the tool.
    await fixture.provider.completeConsent({
      authorizationUrl: url,
      username: 'bob',
      password: 'bob-password',
    });
    const { model: nextModel, record: recordNext } = scriptedModel();
    nextModel
      .respondWithTools([{ name: 'Inbox_ListMessages', args: {}, id: 'call-no-graph-2' }])
      .respond(replyWithLastToolResult);
    const next = await createAgent({ model: nextModel, tools }).invoke({
      messages: [new HumanMessage('Inbox now?')],
    });
    expect(toolMessages(next.messages).at(-1)?.content).toContain('"id":"bob"');
    record();
    recordNext();
  });

  it('works as a bare tool, outside any graph', async () => {
    const [listMessages] = await createLangChainTools({
      client: fixture.client,
      tools: ['Inbox.ListMessages'],
    });
    const message = (await listMessages?.invoke(
      { name: 'Inbox_ListMessages', args: {}, id: 'bare-call', type: 'tool_call' },
      { configurable: { user_id: 'carol' } },
    )) as ToolMessage;
    expect(ToolMessage.isInstance(message)).toBe(true);
    expect(message.content).toContain('The user has been shown a link to authorize testkit.');
    expect(message.artifact).toMatchObject({ type: 'authorization_required' });
  });
});

describe('failures that belong to the developer', () => {
  it('names the option and the config key when no user id is given', async () => {
    const [listMessages] = await createLangChainTools({
      client: fixture.client,
      tools: ['Inbox.ListMessages'],
    });
    await expect(listMessages?.invoke({})).rejects.toThrow(
      "Pass userId to createLangChainTools, or set 'user_id' when invoking",
    );
  });

  it('reaches the caller as the framework error when the engine is unreachable', async () => {
    const tools = await createLangChainTools({ client: fixture.client, toolkits: ['Inbox'] });
    const { model, record } = scriptedModel();
    model
      .respondWithTools([
        { name: 'Inbox_CountWords', args: { text: 'a', times: 1 }, id: 'call-down' },
      ])
      .respond(replyWithLastToolResult);
    // createAgent feeds a tool's exceptions back to the model unless a middleware lets them
    // through; this is LangChain's own way to keep infrastructure failures out of the prompt.
    const agent = createAgent({
      model,
      tools,
      middleware: [
        toolErrorMiddleware({
          onError: (error) => (ToolTransportError.isInstance(error) ? undefined : String(error)),
        }),
      ],
    });
    await fixture.stopServing();
    const failure = await agent
      .invoke({ messages: [new HumanMessage('Count')] }, { configurable: { user_id: 'alice' } })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(ToolTransportError.isInstance(failure)).toBe(true);
    expect(model.callCount).toBe(1);
    record();
  });
});

describe('every prompt', () => {
  it('holds no token', () => {
    expect(prompts.length).toBeGreaterThanOrEqual(12);
    expect(fixture.tokensSeen.size).toBeGreaterThan(0);
    const everything = JSON.stringify(prompts);
    for (const token of fixture.tokensSeen) expect(everything).not.toContain(token);
  });
});

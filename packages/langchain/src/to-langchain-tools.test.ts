import { ToolMessage } from '@langchain/core/messages';
import { loadTools, toZodSchema } from '@toolgrant/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type EngineFixture, startEngineFixture } from '../test/engine-fixture.js';
import { toLangChainTools } from './to-langchain-tools.js';

// LangGraph is an optional peer: here it cannot be imported at all, and a tool used outside a
// graph must not need it.
vi.mock('@langchain/langgraph', () => {
  throw new Error('@langchain/langgraph is not installed in this test');
});

let fixture: EngineFixture;

beforeAll(async () => {
  fixture = await startEngineFixture();
});

afterAll(async () => {
  await fixture.close();
});

describe('toLangChainTools', () => {
  it("builds one StructuredTool per definition with core's names, descriptions and Zod schemas", async () => {
    const definitions = await loadTools({ client: fixture.client, toolkits: ['Inbox'] });
    const tools = toLangChainTools({ client: fixture.client, definitions });
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect([...byName.keys()].sort()).toEqual([
      'Inbox_CountWords',
      'Inbox_Flaky',
      'Inbox_ListMessages',
    ]);
    const countWords = definitions.find((definition) => definition.name === 'CountWords');
    expect(countWords).toBeDefined();
    if (!countWords) return;
    const tool = byName.get('Inbox_CountWords');
    expect(tool?.schema).toBe(toZodSchema(countWords));
    expect(tool?.description).toBe(countWords.description);
    expect(tool?.responseFormat).toBe('content_and_artifact');
  });

  it('runs a tool for the bound user: the value for the model, the outcome as the artifact', async () => {
    const definitions = await loadTools({ client: fixture.client, tools: ['Inbox.CountWords'] });
    const [countWords] = toLangChainTools({ client: fixture.client, definitions, userId: 'alice' });
    const message = (await countWords?.invoke({
      name: 'Inbox_CountWords',
      args: { text: 'a b', times: 3 },
      id: 'call-count',
      type: 'tool_call',
    })) as ToolMessage;
    expect(ToolMessage.isInstance(message)).toBe(true);
    expect(message.content).toBe('{"words":6}');
    expect(message.artifact).toEqual({ type: 'completed', value: { words: 6 } });
  });

  it("checks arguments with core first: bad ones get core's message as an error ToolMessage, strict-mode nulls are removed", async () => {
    const definitions = await loadTools({ client: fixture.client, tools: ['Inbox.CountWords'] });
    const [countWords] = toLangChainTools({ client: fixture.client, definitions, userId: 'alice' });
    const expected =
      'Error (TOOL_RUNTIME_BAD_INPUT_VALUE): Invalid arguments for Inbox.CountWords: times: missing (expected an integer); extra: unknown argument (this tool takes text, times, min_length)\nYou may retry, after fixing what the message says.';

    const message = (await countWords?.invoke({
      name: 'Inbox_CountWords',
      args: { text: 'a b', extra: true },
      id: 'call-bad',
      type: 'tool_call',
    })) as ToolMessage;
    expect(ToolMessage.isInstance(message)).toBe(true);
    expect(message.status).toBe('error');
    expect(message.tool_call_id).toBe('call-bad');
    expect(message.name).toBe('Inbox_CountWords');
    expect(message.content).toBe(expected);
    expect(message.artifact).toMatchObject({
      type: 'error',
      error: { kind: 'TOOL_RUNTIME_BAD_INPUT_VALUE', canRetry: true },
    });
    // Without a tool call, the content alone, as LangChain's tools answer such calls.
    await expect(countWords?.invoke({ text: 'a b', extra: true })).resolves.toBe(expected);

    const stripped = (await countWords?.invoke({
      name: 'Inbox_CountWords',
      args: { text: 'a bb', times: 1, min_length: null },
      id: 'call-strict',
      type: 'tool_call',
    })) as ToolMessage;
    expect(stripped.status).toBe('success');
    expect(stripped.content).toBe('{"words":2}');
    expect(fixture.executedInputs.at(-1)).toEqual({ text: 'a bb', times: 1 });
  });

  it('outside a graph, answers with the model-facing message and calls onAuthorizationRequired, without LangGraph', async () => {
    const definitions = await loadTools({ client: fixture.client, tools: ['Inbox.ListMessages'] });
    const events: unknown[] = [];
    const [listMessages] = toLangChainTools({
      client: fixture.client,
      definitions,
      includeAuthorizationUrl: true,
      onAuthorizationRequired: (event) => events.push(event),
    });
    const message = (await listMessages?.invoke(
      { name: 'Inbox_ListMessages', args: {}, id: 'call-list', type: 'tool_call' },
      { configurable: { user_id: 'erin' } },
    )) as ToolMessage;
    expect(events).toEqual([
      {
        toolName: 'Inbox_ListMessages',
        qualifiedName: 'Inbox.ListMessages',
        authorization: expect.objectContaining({ providerId: 'testkit', scopes: ['inbox.read'] }),
      },
    ]);
    const url = (events[0] as { authorization: { url: string } }).authorization.url;
    // With includeAuthorizationUrl, the model may pass the link on itself.
    expect(message.content).toBe(
      `The user needs to authorize testkit before this tool can run. Give them this link: ${url}`,
    );
  });

  it('prefers the bound user id over the one in the config', async () => {
    const definitions = await loadTools({ client: fixture.client, tools: ['Inbox.ListMessages'] });
    const started = await fixture.client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'frank',
    });
    await fixture.provider.completeConsent({
      authorizationUrl: started.url ?? '',
      username: 'alice',
      password: 'alice-password',
    });
    await fixture.client.auth.waitForCompletion(started);
    const [listMessages] = toLangChainTools({
      client: fixture.client,
      definitions,
      userId: 'frank',
    });
    // mallory has authorized nothing: had her id been used, this would ask for authorization.
    const content = await listMessages?.invoke({}, { configurable: { user_id: 'mallory' } });
    expect(content).toContain('"id":"alice"');
  });

  it('is tested without LangGraph', async () => {
    await expect(import('@langchain/langgraph')).rejects.toThrow(/error when mocking a module/);
  });
});

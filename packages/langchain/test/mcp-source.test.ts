import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { Command, MemorySaver } from '@langchain/langgraph';
import { createToolgrantSession, mcpSource, ToolTransportError } from '@toolgrant/core';
import { type McpConsentServer, startMcpConsentServer } from '@toolgrant/testkit/mcp';
import { createAgent, toolErrorMiddleware } from 'langchain';
import { afterEach, describe, expect, it } from 'vitest';
import { createLangChainTools, getAuthorizationInterrupts } from '../src/index.js';
import { startEngineFixture } from './engine-fixture.js';

// MCP sources in LangChain's own agent loop (createAgent with a checkpointer) on LangChain's
// fake model, against an independent MCP server built with the official SDK v2, in each era.

const servers: McpConsentServer[] = [];
const sessions: ReturnType<typeof createToolgrantSession>[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.mcp.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function toolMessages(messages: readonly BaseMessage[]): ToolMessage[] {
  return messages.filter((message): message is ToolMessage => ToolMessage.isInstance(message));
}

const replyWithLastToolResult = (messages: BaseMessage[]) =>
  new AIMessage(`Tool said: ${String(toolMessages(messages).at(-1)?.content)}`);

async function setUp(options: Parameters<typeof startMcpConsentServer>[0]) {
  const server = await startMcpConsentServer(options);
  servers.push(server);
  const session = createToolgrantSession();
  sessions.push(session);
  const model = fakeModel();
  model
    .respondWithTools([
      { name: 'notes_read_notes', args: { folder: 'home', limit: null }, id: 'call-1' },
    ])
    .respond(replyWithLastToolResult);
  const tools = await createLangChainTools({
    mcpSources: [mcpSource({ name: 'notes', url: server.url })],
    session,
  });
  // As the app would: infrastructure failures reach the caller, not the model.
  const middleware = [
    toolErrorMiddleware({
      onError: (error) => (ToolTransportError.isInstance(error) ? undefined : String(error)),
    }),
  ];
  const agent = createAgent({ model, tools, middleware, checkpointer: new MemorySaver() });
  const config = { configurable: { thread_id: `thread-${servers.length}` } };
  const paused = await agent.invoke({ messages: [new HumanMessage('Read my notes')] }, config);
  const [interrupt] = getAuthorizationInterrupts(paused);
  const promptText = () => JSON.stringify(model.calls.map((call) => call.messages));
  return { server, session, model, agent, config, interrupt: interrupt!, promptText };
}

describe.each([
  ['2026-07-28', 'modern'],
  ['2025-11-25', 'legacy'],
] as const)('createAgent with an MCP source speaking %s', (era, serverEra) => {
  it('interrupts with the URL, resumes after consent, the model reads the notes, and the server saw one call after consent', async () => {
    const { server, model, agent, config, interrupt, promptText } = await setUp({ era: serverEra });
    expect(interrupt).toMatchObject({
      toolName: 'notes_read_notes',
      qualifiedName: 'notes.read_notes',
      toolCallId: 'call-1',
      authorization: {
        host: new URL(server.url).host,
        message: 'Allow access to your notes',
        mcp: { era },
      },
    });
    const url = interrupt.authorization.url!;
    expect(model.callCount).toBe(1);

    await server.consent(url);
    const before = server.calls.length;
    const resumed = await agent.invoke(new Command({ resume: {} }), config);

    expect(resumed.messages.at(-1)?.content).toBe(
      'Tool said: Notes in home: Buy milk; Call the dentist on Friday',
    );
    expect(server.calls.slice(before)).toEqual([
      expect.objectContaining({ afterConsent: true, answer: 'completed' }),
    ]);
    expect(promptText()).not.toContain(url);
    expect(promptText()).not.toContain(new URL(url).host);
    expect(promptText()).not.toContain(server.secret);
  });

  it('on a declined resume, answers the server decline (2026-07-28) and tells the model', async () => {
    const { server, agent, config } = await setUp({ era: serverEra });
    const resumed = await agent.invoke(new Command({ resume: { declined: true } }), config);
    expect(String(toolMessages(resumed.messages).at(-1)?.content)).toContain(
      'The user declined the consent',
    );
    expect(server.calls.some((call) => call.answer === 'completed')).toBe(false);
    if (era === '2026-07-28') expect(server.calls.at(-1)).toMatchObject({ inputAction: 'decline' });
  });

  it('ignores what a tampered resume value carries: the server gets back the state it minted', async () => {
    const { server, agent, config, interrupt } = await setUp({ era: serverEra });
    await server.consent(interrupt.authorization.url!);
    const forged = { requestState: 'forged', authorization: { mcp: { requestState: 'forged' } } };
    const resumed = await agent.invoke(new Command({ resume: forged }), config);
    expect(String(toolMessages(resumed.messages).at(-1)?.content)).toContain('Notes in home');
    const garbage = await setUp({ era: serverEra });
    const refused = await garbage.agent.invoke(
      new Command({ resume: 'yes please' }),
      garbage.config,
    );
    expect(String(toolMessages(refused.messages).at(-1)?.content)).toContain(
      'neither an approval nor a decline',
    );
    expect(garbage.server.calls.filter((call) => call.answer === 'completed')).toEqual([]);
  });

  it('ends with a clear error when the server asks again after accept', async () => {
    const { server, agent, config, interrupt } = await setUp({
      era: serverEra,
      consentNeverCompletes: true,
    });
    await server.consent(interrupt.authorization.url!);
    const resumed = await agent.invoke(new Command({ resume: {} }), config);
    expect(String(toolMessages(resumed.messages).at(-1)?.content)).toContain(
      "still asks for the user's consent after they accepted",
    );
    expect(getAuthorizationInterrupts(resumed)).toEqual([]);
  });

  it('gives the developer a transport error when the server goes away mid-run', async () => {
    const { server, agent, config } = await setUp({ era: serverEra });
    await server.close();
    const error = await agent
      .invoke(new Command({ resume: {} }), config)
      .catch((caught: unknown) => caught);
    expect(ToolTransportError.isInstance(error)).toBe(true);
  });
});

describe('an MCP tool outside a graph', () => {
  it('cannot pause: the model reads that a link was shown, onAuthorizationRequired gets the URL', async () => {
    const server = await startMcpConsentServer({ era: 'modern' });
    servers.push(server);
    const session = createToolgrantSession();
    sessions.push(session);
    const events: unknown[] = [];
    const [readNotes] = await createLangChainTools({
      mcpSources: [mcpSource({ name: 'notes', url: server.url })],
      session,
      onAuthorizationRequired: (event) => events.push(event),
    });
    const message = await readNotes!.invoke({
      name: 'notes_read_notes',
      args: { folder: 'home' },
      id: 'call-outside',
      type: 'tool_call',
    });
    expect(String((message as ToolMessage).content)).toContain(
      'The user has been shown a link to authorize notes',
    );
    expect(String((message as ToolMessage).content)).not.toContain('/consent/');
    expect(events).toEqual([
      expect.objectContaining({
        toolName: 'notes_read_notes',
        authorization: expect.objectContaining({ url: expect.stringContaining('/consent/') }),
      }),
    ]);
    // Nothing is left waiting in the session for a resume that cannot come.
    expect(session.mcp.peekPending('notes.read_notes:call-outside')).toBeUndefined();
  });
});

describe("the Toolgrant engine's own /mcp as an MCP source", () => {
  it('interrupts with the engine’s URL; after consent at the testkit provider, the resume runs the call once', async () => {
    const fixture = await startEngineFixture();
    const session = createToolgrantSession();
    try {
      const tools = await createLangChainTools({
        mcpSources: [
          mcpSource({
            name: 'engine',
            url: `${fixture.url}/mcp`,
            headers: { authorization: `Bearer ${fixture.apiKey}`, 'arcade-user-id': 'mcp-alice' },
          }),
        ],
        session,
      });
      const model = fakeModel();
      model
        .respondWithTools([{ name: 'engine_Inbox_ListMessages', args: {}, id: 'call-engine' }])
        .respond(replyWithLastToolResult);
      const agent = createAgent({ model, tools, checkpointer: new MemorySaver() });
      const config = { configurable: { thread_id: 'engine-thread' } };
      const paused = await agent.invoke({ messages: [new HumanMessage('My inbox?')] }, config);
      const [interrupt] = getAuthorizationInterrupts(paused);
      expect(interrupt?.authorization.mcp?.era).toBe('2026-07-28');
      const url = interrupt!.authorization.url!;
      const consent = await fixture.provider.completeConsent({
        authorizationUrl: url,
        username: 'alice',
        password: 'alice-password',
      });
      expect(consent.callback?.status).toBe(200);
      const before = fixture.requests.filter((line) => line === 'POST /mcp').length;
      const resumed = await agent.invoke(new Command({ resume: {} }), config);
      expect(String(resumed.messages.at(-1)?.content)).toContain('Lunch on Thursday?');
      expect(fixture.requests.filter((line) => line === 'POST /mcp').length - before).toBe(1);
      const seen = JSON.stringify(model.calls.map((call) => call.messages));
      expect(seen).not.toContain(url);
      expect(seen).not.toContain(fixture.apiKey);
      for (const token of fixture.tokensSeen) expect(seen).not.toContain(token);
    } finally {
      await session.mcp.close();
      await fixture.close();
    }
  });
});

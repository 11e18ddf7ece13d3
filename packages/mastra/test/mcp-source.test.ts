import { Agent } from '@mastra/core/agent';
import { Mastra } from '@mastra/core/mastra';
import { InMemoryStore } from '@mastra/core/storage';
import { createToolgrantSession, mcpSource, ToolTransportError } from '@toolgrant/core';
import { startInboxEngine } from '@toolgrant/inbox-engine-fixture';
import { type McpConsentServer, startMcpConsentServer } from '@toolgrant/testkit/mcp';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AuthorizationSuspendPayload,
  createMastraTools,
  isAuthorizationSuspendPayload,
} from '../src/index.js';
import { type ModelTurn, promptText, scriptedModel } from './scripted-model.js';

// MCP sources in Mastra's agent loop (an Agent on the AI SDK's mock model, in a Mastra instance
// with storage) against an independent MCP server built with the official SDK v2, in each era.

const servers: McpConsentServer[] = [];
const sessions: ReturnType<typeof createToolgrantSession>[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.mcp.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const readNotes: ModelTurn = {
  toolCalls: [
    { toolCallId: 'call-1', toolName: 'notes_read_notes', input: { folder: 'home', limit: null } },
  ],
};

async function setUp(options: Parameters<typeof startMcpConsentServer>[0]) {
  const server = await startMcpConsentServer(options);
  servers.push(server);
  const session = createToolgrantSession();
  sessions.push(session);
  const tools = await createMastraTools({
    mcpSources: [mcpSource({ name: 'notes', url: server.url })],
    session,
  });
  const { model, prompts } = scriptedModel([readNotes, { text: 'Done.' }]);
  const agent = new Agent({
    id: 'notes-agent',
    name: 'Notes agent',
    instructions: 'Read notes.',
    model,
    tools,
  });
  const mastra = new Mastra({ agents: { agent }, storage: new InMemoryStore(), logger: false });
  return { server, session, agent: mastra.getAgent('agent'), prompts };
}

function payloadOf(suspended: { suspendPayload?: unknown }): AuthorizationSuspendPayload {
  const { suspendPayload } = suspended.suspendPayload as { suspendPayload: unknown };
  if (!isAuthorizationSuspendPayload(suspendPayload)) throw new Error('not an authorization');
  return suspendPayload;
}

describe.each([
  ['2026-07-28', 'modern'],
  ['2025-11-25', 'legacy'],
] as const)('a Mastra agent with an MCP source speaking %s', (era, serverEra) => {
  it('generate: suspends with the URL, resumeGenerate after consent runs the call once, the model reads the notes', async () => {
    const { server, agent, prompts } = await setUp({ era: serverEra });
    const suspended = await agent.generate('Read my notes');
    expect(suspended.finishReason).toBe('suspended');
    const payload = payloadOf(suspended);
    expect(payload).toMatchObject({
      toolName: 'notes_read_notes',
      qualifiedName: 'notes.read_notes',
      authorization: {
        host: new URL(server.url).host,
        message: 'Allow access to your notes',
        mcp: { era },
      },
    });
    const url = payload.authorization.url!;
    await server.consent(url);
    const before = server.calls.length;
    const resumed = await agent.resumeGenerate(
      {},
      { runId: suspended.runId, toolCallId: 'call-1' },
    );
    expect(resumed.text).toBe('Done.');
    expect(promptText([prompts[1]?.at(-1)])).toContain('Notes in home: Buy milk');
    expect(server.calls.slice(before)).toEqual([
      expect.objectContaining({ afterConsent: true, answer: 'completed' }),
    ]);
    const seen = promptText(prompts);
    expect(seen).not.toContain(url);
    expect(seen).not.toContain(new URL(url).host);
    expect(seen).not.toContain(server.secret);
  });

  it('stream: a tool-call-suspended chunk carries the URL; resumeStream runs the call', async () => {
    const { server, agent, prompts } = await setUp({ era: serverEra });
    const stream = await agent.stream('Read my notes');
    const chunks = [];
    for await (const chunk of stream.fullStream) chunks.push(chunk);
    const suspendedChunk = chunks.find((chunk) => chunk.type === 'tool-call-suspended');
    if (suspendedChunk?.type !== 'tool-call-suspended') throw new Error('no suspended chunk');
    const payload = suspendedChunk.payload.suspendPayload;
    if (!isAuthorizationSuspendPayload(payload)) throw new Error('not an authorization payload');
    await server.consent(payload.authorization.url!);
    const resumed = await agent.resumeStream({}, { runId: stream.runId, toolCallId: 'call-1' });
    for await (const _chunk of resumed.fullStream) {
      // drain
    }
    expect(await resumed.text).toBe('Done.');
    expect(promptText([prompts[1]?.at(-1)])).toContain('Notes in home');
    expect(server.calls.filter((call) => call.afterConsent)).toHaveLength(1);
  });

  it('a declined resume answers the server decline (2026-07-28) and tells the model', async () => {
    const { server, agent, prompts } = await setUp({ era: serverEra });
    const suspended = await agent.generate('Read my notes');
    await agent.resumeGenerate(
      { declined: true },
      { runId: suspended.runId, toolCallId: 'call-1' },
    );
    expect(promptText([prompts[1]?.at(-1)])).toContain('The user declined the consent');
    expect(server.calls.some((call) => call.answer === 'completed')).toBe(false);
    if (era === '2026-07-28') expect(server.calls.at(-1)).toMatchObject({ inputAction: 'decline' });
  });

  it('a tampered resume value reaches nothing but its answer: the retry carries the state Mastra stored', async () => {
    const { server, agent, prompts } = await setUp({ era: serverEra });
    const suspended = await agent.generate('Read my notes');
    await server.consent(payloadOf(suspended).authorization.url!);
    const forged = { requestState: 'forged', authorization: { mcp: { requestState: 'forged' } } };
    await agent.resumeGenerate(forged, { runId: suspended.runId, toolCallId: 'call-1' });
    expect(promptText([prompts[1]?.at(-1)])).toContain('Notes in home');
    expect(server.calls.filter((call) => call.answer === 'completed')).toHaveLength(1);
  });

  it('a resume value that is not the resume schema does not run the tool', async () => {
    const { server, agent } = await setUp({ era: serverEra });
    const suspended = await agent.generate('Read my notes');
    await server.consent(payloadOf(suspended).authorization.url!);
    const outcome = await agent
      .resumeGenerate({ declined: 'yes' }, { runId: suspended.runId, toolCallId: 'call-1' })
      .then(
        (result) => JSON.stringify(result.toolResults ?? []),
        (error: unknown) => String(error),
      );
    expect(outcome).not.toContain('Notes in home');
    expect(server.calls.filter((call) => call.answer === 'completed')).toEqual([]);
  });

  it('a server that asks again after accept ends with a clear error, not a second suspend', async () => {
    const { server, agent, prompts } = await setUp({ era: serverEra, consentNeverCompletes: true });
    const suspended = await agent.generate('Read my notes');
    await server.consent(payloadOf(suspended).authorization.url!);
    const resumed = await agent.resumeGenerate(
      {},
      { runId: suspended.runId, toolCallId: 'call-1' },
    );
    expect(resumed.finishReason).toBe('stop');
    expect(promptText([prompts[1]?.at(-1)])).toContain(
      "still asks for the user's consent after they accepted",
    );
  });

  it('a server that goes away mid-run gives the developer a transport error', async () => {
    const { server, agent } = await setUp({ era: serverEra });
    const stream = await agent.stream('Read my notes');
    for await (const _chunk of stream.fullStream) {
      // drain to the suspend
    }
    await server.close();
    const resumed = await agent.resumeStream({}, { runId: stream.runId, toolCallId: 'call-1' });
    const chunks = [];
    for await (const chunk of resumed.fullStream) chunks.push(chunk);
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

describe("the Toolgrant engine's own /mcp as an MCP source", () => {
  it('suspends with the engine’s URL; after consent at the testkit provider, resumeGenerate runs the call once', async () => {
    const inbox = await startInboxEngine();
    const session = createToolgrantSession();
    try {
      const tools = await createMastraTools({
        mcpSources: [
          mcpSource({
            name: 'engine',
            url: `${inbox.url}/mcp`,
            headers: { authorization: `Bearer ${inbox.apiKey}`, 'arcade-user-id': 'mcp-alice' },
          }),
        ],
        session,
      });
      const { model, prompts } = scriptedModel([
        { toolCalls: [{ toolCallId: 'call-1', toolName: 'engine_Inbox_ListMessages', input: {} }] },
        { text: 'Lunch.' },
      ]);
      const agent = new Agent({
        id: 'engine-agent',
        name: 'Engine agent',
        instructions: 'Inbox.',
        model,
        tools,
      });
      const mastra = new Mastra({ agents: { agent }, storage: new InMemoryStore(), logger: false });
      const suspended = await mastra.getAgent('agent').generate('My inbox?');
      const payload = payloadOf(suspended);
      expect(payload.authorization.mcp?.era).toBe('2026-07-28');
      const url = payload.authorization.url!;
      await inbox.provider.completeConsent({
        authorizationUrl: url,
        username: 'alice',
        password: 'alice-password',
      });
      const before = inbox.requests.filter(
        ({ method, path }) => method === 'POST' && path === '/mcp',
      ).length;
      const resumed = await mastra
        .getAgent('agent')
        .resumeGenerate({}, { runId: suspended.runId, toolCallId: 'call-1' });
      expect(resumed.text).toBe('Lunch.');
      expect(promptText([prompts[1]?.at(-1)])).toContain('Lunch on Thursday?');
      expect(
        inbox.requests.filter(({ method, path }) => method === 'POST' && path === '/mcp').length -
          before,
      ).toBe(1);
      const seen = promptText(prompts);
      expect(seen).not.toContain(url);
      expect(seen).not.toContain(inbox.apiKey);
      for (const token of inbox.tokens) expect(seen).not.toContain(token);
    } finally {
      await session.mcp.close();
      await inbox.close();
    }
  });
});

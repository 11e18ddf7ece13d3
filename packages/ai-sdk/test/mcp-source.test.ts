import {
  createToolgrantSession,
  loadMcpTools,
  mcpSource,
  ToolTransportError,
} from '@toolgrant/core';
import { type McpConsentServer, startMcpConsentServer } from '@toolgrant/testkit/mcp';
import { generateText, isStepCount, type ModelMessage, ToolLoopAgent } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterEach, describe, expect, it } from 'vitest';
import {
  authorizationApproval,
  createAISDKTools,
  getAuthorizationRequest,
  isAuthorizationRequired,
  stopOnAuthorizationRequired,
} from '../src/index.js';
import { startInboxEngine } from './inbox-engine.js';
import { scriptedModel } from './scripted-model.js';

// MCP sources in AI SDK 7's real loop (`generateText`, `ToolLoopAgent`) on `MockLanguageModelV4`,
// against an independent MCP server built with the official SDK v2, in each era.

const servers: McpConsentServer[] = [];
const sessions: ReturnType<typeof createToolgrantSession>[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.mcp.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const readNotes = {
  toolCall: { toolName: 'notes_read_notes', input: { folder: 'home', limit: null } },
};
const userTurn = (text: string): ModelMessage => ({ role: 'user', content: text });

async function setUp(options: Parameters<typeof startMcpConsentServer>[0]) {
  const server = await startMcpConsentServer(options);
  servers.push(server);
  const session = createToolgrantSession();
  sessions.push(session);
  const tools = await createAISDKTools({
    mcpSources: [mcpSource({ name: 'notes', url: server.url })],
    session,
  });
  return { server, session, tools };
}

function expectNothingSecret(promptText: string, server: McpConsentServer, url: string) {
  expect(promptText).not.toContain(url);
  expect(promptText).not.toContain(new URL(url).host);
  expect(promptText).not.toContain(server.secret);
}

describe.each([
  ['2026-07-28', 'modern'],
  ['2025-11-25', 'legacy'],
] as const)('AI SDK 7 with an MCP source speaking %s', (era, serverEra) => {
  it('pauses with an approval request carrying the URL; approved after consent, the paused call is retried once and the model reads the notes', async () => {
    const { server, tools } = await setUp({ era: serverEra });
    const model = scriptedModel({ turns: [readNotes, { text: 'You have two notes.' }] });
    const mock = new MockLanguageModelV4({ doGenerate: model.doGenerate });
    const toolApproval = authorizationApproval();
    const messages: ModelMessage[] = [userTurn('Read my notes')];

    const paused = await generateText({
      model: mock,
      tools,
      toolApproval,
      messages,
      stopWhen: isStepCount(5),
    });

    expect(model.prompts).toHaveLength(1);
    // The model was offered the server's JSON Schema; the AI SDK closes the top-level object
    // itself, as OpenAI asks.
    const offered = model.offeredTools[0]?.find((tool) => tool.name === 'notes_read_notes');
    const [listed] = await loadMcpTools({
      sources: [mcpSource({ name: 'notes', url: server.url })],
      session: createToolgrantSession(),
    });
    expect(offered?.inputSchema).toEqual({ ...listed?.inputSchema, additionalProperties: false });
    const request = paused.content.find((part) => part.type === 'tool-approval-request');
    const authorization = getAuthorizationRequest(request);
    expect(authorization).toMatchObject({
      host: new URL(server.url).host,
      message: 'Allow access to your notes',
      mcp: { era },
    });
    // The same card as for Arcade tools: a useChat part awaiting approval reads the same way.
    expect(
      getAuthorizationRequest({
        type: 'tool-notes_read_notes',
        state: 'approval-requested',
        approval: {
          id: request!.approvalId,
          requestReason: (request as { reason?: string }).reason,
        },
      }),
    ).toEqual(authorization);
    const url = authorization!.url!;

    await server.consent(url);
    messages.push(...paused.responseMessages, {
      role: 'tool',
      content: [
        { type: 'tool-approval-response', approvalId: request!.approvalId, approved: true },
      ],
    });
    const before = server.calls.length;
    const resumed = await generateText({
      model: mock,
      tools,
      toolApproval,
      messages,
      stopWhen: isStepCount(5),
    });

    expect(resumed.text).toBe('You have two notes.');
    expect(model.prompts).toHaveLength(2);
    expect(model.lastToolResults()).toContain('Notes in home: Buy milk');
    expect(server.calls.slice(before)).toEqual([
      expect.objectContaining({ afterConsent: true, answer: 'completed' }),
    ]);
    expectNothingSecret(model.allPromptText(), server, url);
  });

  it('uses the requestState it kept, not a tampered one in the conversation', async () => {
    const { server, tools } = await setUp({ era: serverEra });
    const model = scriptedModel({ turns: [readNotes, { text: 'Done.' }] });
    const mock = new MockLanguageModelV4({ doGenerate: model.doGenerate });
    const toolApproval = authorizationApproval();
    const messages: ModelMessage[] = [userTurn('Read my notes')];
    const paused = await generateText({ model: mock, tools, toolApproval, messages });
    const request = paused.content.find((part) => part.type === 'tool-approval-request')!;
    await server.consent(getAuthorizationRequest(request)!.url!);
    const tampered = paused.responseMessages.map((message) =>
      JSON.parse(
        JSON.stringify(message).replaceAll(
          /"requestState\\":\\"[^\\]*\\"/g,
          '"requestState\\":\\"forged\\"',
        ),
      ),
    ) as ModelMessage[];
    if (era === '2026-07-28') expect(JSON.stringify(tampered)).toContain('forged');
    messages.push(...tampered, {
      role: 'tool',
      content: [{ type: 'tool-approval-response', approvalId: request.approvalId, approved: true }],
    });
    await generateText({ model: mock, tools, toolApproval, messages, stopWhen: isStepCount(5) });
    expect(model.lastToolResults()).toContain('Notes in home');
  });

  it('without an approval step, stops on the authorization; the next turn runs the tool', async () => {
    const { server, tools } = await setUp({ era: serverEra });
    const model = scriptedModel({ turns: [readNotes, readNotes, { text: 'Two notes.' }] });
    const agent = new ToolLoopAgent({
      model: new MockLanguageModelV4({ doGenerate: model.doGenerate }),
      tools,
      stopWhen: [stopOnAuthorizationRequired(), isStepCount(5)],
    });
    const messages: ModelMessage[] = [userTurn('Read my notes')];
    const stopped = await agent.generate({ messages });
    const [result] = stopped.toolResults;
    expect(isAuthorizationRequired(result)).toBe(true);
    if (!isAuthorizationRequired(result)) return;
    const url = result.output.authorization.url!;
    await server.consent(url);
    messages.push(...stopped.responseMessages, userTurn('Done, go on.'));
    const resumed = await agent.generate({ messages });
    expect(resumed.text).toBe('Two notes.');
    expect(model.lastToolResults()).toContain('Notes in home');
    expectNothingSecret(model.allPromptText(), server, url);
  });

  it('ends with a clear error, not a second approval, when the server asks again after accept', async () => {
    const { server, tools } = await setUp({ era: serverEra, consentNeverCompletes: true });
    const model = scriptedModel({ turns: [readNotes, { text: 'Not yet.' }] });
    const mock = new MockLanguageModelV4({ doGenerate: model.doGenerate });
    const toolApproval = authorizationApproval();
    const messages: ModelMessage[] = [userTurn('Read my notes')];
    const paused = await generateText({ model: mock, tools, toolApproval, messages });
    const request = paused.content.find((part) => part.type === 'tool-approval-request')!;
    await server.consent(getAuthorizationRequest(request)!.url!);
    messages.push(...paused.responseMessages, {
      role: 'tool',
      content: [{ type: 'tool-approval-response', approvalId: request.approvalId, approved: true }],
    });
    const resumed = await generateText({
      model: mock,
      tools,
      toolApproval,
      messages,
      stopWhen: isStepCount(5),
    });
    expect(resumed.content.some((part) => part.type === 'tool-approval-request')).toBe(false);
    expect(model.lastToolResults()).toContain(
      "still asks for the user's consent after they accepted",
    );
  });

  it('gives the developer a transport error when the server goes away mid-run', async () => {
    const { server, tools } = await setUp({ era: serverEra });
    const model = scriptedModel({ turns: [readNotes, { text: 'x' }] });
    const mock = new MockLanguageModelV4({ doGenerate: model.doGenerate });
    const toolApproval = authorizationApproval();
    const messages: ModelMessage[] = [userTurn('Read my notes')];
    const paused = await generateText({ model: mock, tools, toolApproval, messages });
    const request = paused.content.find((part) => part.type === 'tool-approval-request')!;
    await server.close();
    messages.push(...paused.responseMessages, {
      role: 'tool',
      content: [{ type: 'tool-approval-response', approvalId: request.approvalId, approved: true }],
    });
    const errors: unknown[] = [];
    await generateText({
      model: mock,
      tools,
      toolApproval,
      messages,
      stopWhen: isStepCount(5),
      // The AI SDK hands a tool's exception to the developer here (and the model reads a short error).
      onToolExecutionEnd: ({ toolOutput }) => {
        if (toolOutput.type === 'tool-error') errors.push(toolOutput.error);
      },
    });
    expect(errors).toHaveLength(1);
    expect(ToolTransportError.isInstance(errors[0])).toBe(true);
    expect(errors[0]).toMatchObject({ reason: 'unreachable' });
  });
});

describe('MCP sources beside the engine', () => {
  it('one tool set holds both; each pauses with the same approval card, and each runs after consent', async () => {
    const inbox = await startInboxEngine();
    try {
      const server = await startMcpConsentServer({ era: 'modern' });
      servers.push(server);
      const session = createToolgrantSession();
      sessions.push(session);
      const tools = await createAISDKTools({
        client: inbox.client,
        toolkits: ['Inbox'],
        mcpSources: [mcpSource({ name: 'notes', url: server.url })],
        session,
      });
      expect(Object.keys(tools)).toEqual(
        expect.arrayContaining(['Inbox_ListMessages', 'notes_read_notes']),
      );
      const model = scriptedModel({
        turns: [
          { toolCall: { toolName: 'Inbox_ListMessages', input: {} } },
          readNotes,
          { text: 'Both read.' },
        ],
      });
      const mock = new MockLanguageModelV4({ doGenerate: model.doGenerate });
      const toolApproval = authorizationApproval({ userId: 'beside-alice' });
      const messages: ModelMessage[] = [userTurn('Read my inbox and my notes')];
      const approve = async (result: {
        content: ReadonlyArray<{ type: string }>;
        responseMessages: ModelMessage[];
      }) => {
        const request = result.content.find((part) => part.type === 'tool-approval-request') as
          | { approvalId: string }
          | undefined;
        const authorization = getAuthorizationRequest(request)!;
        if (authorization.mcp) await server.consent(authorization.url!);
        else await inbox.consent({ url: authorization.url! });
        messages.push(...result.responseMessages, {
          role: 'tool',
          content: [
            { type: 'tool-approval-response', approvalId: request!.approvalId, approved: true },
          ],
        });
        return authorization;
      };
      const first = await generateText({
        model: mock,
        tools,
        toolApproval,
        messages,
        stopWhen: isStepCount(5),
      });
      expect((await approve(first)).mcp).toBeUndefined();
      const second = await generateText({
        model: mock,
        tools,
        toolApproval,
        messages,
        stopWhen: isStepCount(5),
      });
      expect((await approve(second)).mcp?.era).toBe('2026-07-28');
      const done = await generateText({
        model: mock,
        tools,
        toolApproval,
        messages,
        stopWhen: isStepCount(5),
      });
      expect(done.text).toBe('Both read.');
      expect(model.toolResultTexts().join('\n')).toContain('Notes in home');
      expect(model.allPromptText()).toContain('Lunch on Thursday?');
    } finally {
      await inbox.close();
    }
  });
});

describe("the Toolgrant engine's own /mcp as an MCP source", () => {
  it('pauses with the engine’s URL, consent at the testkit provider, the approved call runs once and the model reads the inbox', async () => {
    const inbox = await startInboxEngine();
    const session = createToolgrantSession();
    try {
      const engineSource = mcpSource({
        name: 'engine',
        url: `${inbox.url}/mcp`,
        headers: {
          authorization: `Bearer ${inbox.engine.apiKeys[0]}`,
          'arcade-user-id': 'mcp-alice',
        },
      });
      const tools = await createAISDKTools({ mcpSources: [engineSource], session });
      expect(Object.keys(tools)).toContain('engine_Inbox_ListMessages');
      const model = scriptedModel({
        turns: [
          { toolCall: { toolName: 'engine_Inbox_ListMessages', input: {} } },
          { text: 'Lunch on Thursday.' },
        ],
      });
      const mock = new MockLanguageModelV4({ doGenerate: model.doGenerate });
      const toolApproval = authorizationApproval();
      const messages: ModelMessage[] = [userTurn('What is in my inbox?')];
      const paused = await generateText({ model: mock, tools, toolApproval, messages });
      const request = paused.content.find((part) => part.type === 'tool-approval-request')!;
      const authorization = getAuthorizationRequest(request)!;
      expect(authorization.mcp?.era).toBe('2026-07-28');
      expect(authorization.host).toBe(new URL(inbox.url).host);
      await inbox.consent({ url: authorization.url! });
      messages.push(...paused.responseMessages, {
        role: 'tool',
        content: [
          { type: 'tool-approval-response', approvalId: request.approvalId, approved: true },
        ],
      });
      const before = inbox.requests.filter((line) => line === 'POST /mcp').length;
      const resumed = await generateText({
        model: mock,
        tools,
        toolApproval,
        messages,
        stopWhen: isStepCount(5),
      });
      expect(resumed.text).toBe('Lunch on Thursday.');
      expect(model.lastToolResults()).toContain('Lunch on Thursday?');
      // One MCP request after consent: the retry with the requestState.
      expect(inbox.requests.filter((line) => line === 'POST /mcp').length - before).toBe(1);
      const seen = model.allPromptText();
      expect(seen).not.toContain(authorization.url!);
      for (const secret of inbox.secrets()) expect(seen).not.toContain(secret);
    } finally {
      await session.mcp.close();
      await inbox.close();
    }
  });
});

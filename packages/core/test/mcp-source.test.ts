import { type McpConsentServer, startMcpConsentServer } from '@toolgrant/mcp-consent-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createToolgrantSession,
  loadMcpTools,
  mcpSource,
  runMcpTool,
  ToolNameCollisionError,
  ToolTransportError,
  toModelOutput,
  waitForMcpConsent,
} from '../src/index.js';

// Core's MCP source against an independent server built with the official SDK v2, in each era.

const servers: McpConsentServer[] = [];
const sessions: ReturnType<typeof createToolgrantSession>[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.mcp.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function setUp(options: Parameters<typeof startMcpConsentServer>[0]) {
  const server = await startMcpConsentServer(options);
  servers.push(server);
  const session = createToolgrantSession();
  sessions.push(session);
  const source = mcpSource({ name: 'notes', url: server.url });
  const [definition] = await loadMcpTools({ sources: [source], session });
  return { server, session, source, definition: definition! };
}

describe.each([
  ['2026-07-28', 'modern'],
  ['2025-11-25', 'legacy'],
] as const)('an MCP source speaking %s', (era, serverEra) => {
  it('lists tools with their JSON Schema under the source prefix, pauses with the URL, and after consent runs once', async () => {
    const { server, session, definition } = await setUp({ era: serverEra });
    expect(definition.toolName).toBe('notes_read_notes');
    expect(definition.qualifiedName).toBe('notes.read_notes');
    expect(definition.inputSchema).toMatchObject({
      type: 'object',
      properties: { folder: { type: 'string' } },
      required: ['folder'],
    });

    const first = await runMcpTool({ definition, session, input: { folder: 'home', limit: null } });
    expect(first.type).toBe('authorization_required');
    if (first.type !== 'authorization_required') return;
    const { authorization } = first;
    expect(authorization.mcp?.era).toBe(era);
    expect(authorization.url?.startsWith(server.url.replace('/mcp', '/consent/'))).toBe(true);
    expect(authorization.host).toBe(new URL(server.url).host);
    expect(authorization.message).toBe('Allow access to your notes');
    const modelText = toModelOutput({ outcome: first });
    expect(modelText).not.toContain(authorization.url!);
    expect(modelText).not.toContain(authorization.host!);

    await server.consent(authorization.url!);
    if (era === '2025-11-25') {
      expect(await waitForMcpConsent({ authorization, session, timeoutMs: 5_000 })).toBe(
        'completed',
      );
    }
    const before = server.calls.length;
    const done = await runMcpTool({
      definition,
      session,
      input: { folder: 'home' },
      consent: { authorization, answer: 'accept' },
    });
    // The strict-mode null for the optional `limit` never reached the server.
    expect(server.calls.map((call) => call.arguments)).toContainEqual({ folder: 'home' });
    expect(JSON.stringify(server.calls.map((call) => call.arguments))).not.toContain('null');
    expect(done).toEqual({
      type: 'completed',
      value: 'Notes in home: Buy milk; Call the dentist on Friday',
    });
    expect(server.calls.slice(before)).toEqual([
      expect.objectContaining({ afterConsent: true, answer: 'completed' }),
    ]);
    expect(JSON.stringify(done)).not.toContain(server.secret);
  });

  it('tells the model the user declined, and does not run the tool', async () => {
    const { server, session, definition } = await setUp({ era: serverEra });
    const first = await runMcpTool({ definition, session, input: { folder: 'home' } });
    if (first.type !== 'authorization_required') throw new Error('expected a pause');
    const declined = await runMcpTool({
      definition,
      session,
      input: { folder: 'home' },
      consent: { authorization: first.authorization, answer: 'decline' },
    });
    expect(declined.type).toBe('error');
    expect(toModelOutput({ outcome: declined })).toContain('The user declined the consent');
    expect(server.calls.some((call) => call.answer === 'completed')).toBe(false);
    if (era === '2026-07-28') {
      // The server heard `decline` and ended its loop.
      expect(server.calls.at(-1)).toMatchObject({ inputAction: 'decline', answer: 'declined' });
    }
  });

  it('ends with a clear error, after one retry, when the server asks again after accept', async () => {
    const { server, session, definition } = await setUp({
      era: serverEra,
      consentNeverCompletes: true,
    });
    const first = await runMcpTool({ definition, session, input: { folder: 'home' } });
    if (first.type !== 'authorization_required') throw new Error('expected a pause');
    await server.consent(first.authorization.url!);
    const before = server.calls.length;
    const again = await runMcpTool({
      definition,
      session,
      input: { folder: 'home' },
      consent: { authorization: first.authorization, answer: 'accept' },
    });
    expect(server.calls.length - before).toBe(1);
    expect(again).toMatchObject({
      type: 'error',
      error: { kind: 'TOOL_AUTHORIZATION_NOT_COMPLETED' },
    });
    expect(toModelOutput({ outcome: again })).toContain(
      "still asks for the user's consent after they accepted",
    );
  });

  it('throws a ToolTransportError when the server goes away mid-run', async () => {
    const { server, session, definition } = await setUp({ era: serverEra });
    await server.close();
    const error = await runMcpTool({ definition, session, input: { folder: 'home' } }).catch(
      (caught: unknown) => caught,
    );
    expect(ToolTransportError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('MCP');
  });
});

describe('arguments', () => {
  it('are checked against the JSON Schema with per-field messages; nothing is sent', async () => {
    const { server, session, definition } = await setUp({ era: 'modern' });
    const outcome = await runMcpTool({ definition, session, input: { limit: 'x' } });
    expect(outcome.type).toBe('error');
    expect(toModelOutput({ outcome })).toContain(
      'Invalid arguments for notes.read_notes: folder: missing (expected a string); limit: expected an integer, received "x"',
    );
    expect(server.calls).toEqual([]);
  });
});

describe('several sources', () => {
  it('prefix each tool with its source name, and refuse two sources under one name', async () => {
    const modern = await setUp({ era: 'modern' });
    const legacy = await startMcpConsentServer({ era: 'legacy' });
    servers.push(legacy);
    const tools = await loadMcpTools({
      sources: [modern.source, mcpSource({ name: 'legacy-notes', url: legacy.url })],
      session: modern.session,
    });
    expect(tools.map((tool) => tool.toolName)).toEqual([
      'notes_read_notes',
      'legacy-notes_read_notes',
    ]);
    const clash = await loadMcpTools({
      sources: [modern.source, mcpSource({ name: 'notes', url: legacy.url })],
      session: modern.session,
    }).catch((caught: unknown) => caught);
    expect(ToolNameCollisionError.isInstance(clash)).toBe(true);
  });

  it('refuse a source name that could not prefix a model-facing name', () => {
    expect(() => mcpSource({ name: 'my notes', url: 'http://127.0.0.1/mcp' })).toThrow(
      /letters, digits or '-'/,
    );
    expect(() => mcpSource({ name: 'notes', url: 'file:///etc/passwd' })).toThrow(/http\(s\) URL/);
  });
});

describe('a source that is not an MCP server', () => {
  it('says which URL to check, without the headers', async () => {
    const server = await startMcpConsentServer({ era: 'modern' });
    servers.push(server);
    const session = createToolgrantSession();
    sessions.push(session);
    const source = mcpSource({
      name: 'wrong',
      url: server.url.replace('/mcp', '/nope'),
      headers: { authorization: 'Bearer secret-header-value' },
    });
    const error = await loadMcpTools({ sources: [source], session }).catch(
      (caught: unknown) => caught,
    );
    expect(ToolTransportError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('HTTP 404');
    expect((error as Error).message).toContain("Check the source's URL");
    expect((error as Error).message).not.toContain('secret-header-value');
  });
});

describe('the session', () => {
  it('lists a source once, lists again after clear(), and reconnects after close()', async () => {
    const { server, session, source } = await setUp({ era: 'modern' });
    const first = await loadMcpTools({ sources: [source], session });
    expect(await loadMcpTools({ sources: [source], session })).toEqual(first);
    expect((await loadMcpTools({ sources: [source], session }))[0]).toBe(first[0]);
    session.clear();
    const relisted = await loadMcpTools({ sources: [source], session });
    expect(relisted[0]).not.toBe(first[0]);
    await session.mcp.close();
    const outcome = await runMcpTool({ definition: relisted[0]!, session, input: { folder: 'x' } });
    expect(outcome.type).toBe('authorization_required');
    expect(server.calls).toHaveLength(1);
  });
});

describe('a 2025-11-25 server that pushes its URL elicitation inside the call', () => {
  it('is answered cancel, and the call pauses with the URL as for -32042', async () => {
    const { server, session, definition } = await setUp({ era: 'legacy', pushElicitation: true });
    const first = await runMcpTool({ definition, session, input: { folder: 'home' } });
    expect(server.calls.at(-1)).toMatchObject({ inputAction: 'cancel' });
    if (first.type !== 'authorization_required') throw new Error('expected a pause');
    expect(first.authorization).toMatchObject({
      message: 'Allow access to your notes',
      mcp: { era: '2025-11-25' },
    });
    await server.consent(first.authorization.url!);
    const done = await runMcpTool({
      definition,
      session,
      input: { folder: 'home' },
      consent: { authorization: first.authorization, answer: 'accept' },
    });
    expect(done.type).toBe('completed');
  });
});

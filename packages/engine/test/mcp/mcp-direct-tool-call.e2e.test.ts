import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import {
  defineTool,
  defineToolkit,
  RetryableToolError,
  ToolExecutionError,
} from '@toolgrant/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { mcpServerExtension } from '../../src/internal.js';
import { plainToolCall } from '../../src/mcp/plain-tool-call.js';
import { authorizeAndConsent } from '../e2e/authorize-and-consent.js';
import { createRecorder, type EngineUnderTest } from '../e2e/engine-under-test.js';
import { useEngineWithProvider } from '../e2e/use-engine-with-provider.js';
import { expectNoSecrets } from './expect-no-secrets.js';
import { createEchoToolkit, misconfiguredToolkit } from './mcp-test-toolkits.js';

// The endpoint answers a plain, authorized 2026-07-28 tools/call itself, without the SDK's
// per-request server (direct-tool-call.ts). Two engines alike but for that: one answers
// directly, the other sends every call through the SDK's handler. Each request goes to both,
// over HTTP, and the answers must be the same: status, content type and JSON body, for calls
// the direct path answers and for the ones it leaves to the SDK. Each tool runs once per call.

const failingToolkit = defineToolkit({
  name: 'Failing',
  version: '1.0.0',
  description: 'Tools that fail as tools do.',
  tools: [
    defineTool({
      name: 'Lookup',
      description: 'Fails for the model to read.',
      input: z.object({ city: z.string() }),
      execute: ({ city }) => {
        throw new ToolExecutionError({
          message: `No city called ${city}.`,
          developerMessage: 'looked up in the test atlas',
        });
      },
    }),
    defineTool({
      name: 'Busy',
      description: 'Asks to be tried again.',
      input: z.object({}),
      execute: () => {
        throw new RetryableToolError({
          message: 'The service is busy.',
          retryAfterMs: 2000,
          additionalPromptContent: 'Try again in two seconds.',
        });
      },
    }),
  ],
});

const envelope = (capabilities: Record<string, unknown> = { elicitation: { url: {} } }) => ({
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'differential-test', version: '1.0.0' },
  'io.modelcontextprotocol/clientCapabilities': capabilities,
});

type Call = {
  body: Record<string, unknown>;
  headers?: Record<string, string | undefined>;
  /** After /mcp, for example `?toolkits=Echo`. */
  query?: string;
  /** Connect with a user-scoped MCP token for alice and these toolkits, not the API key. */
  scopedTo?: string[];
};

const toolCall = (
  name: string,
  args: unknown,
  { id = 1, meta = envelope() }: { id?: unknown; meta?: unknown } = {},
): Call => ({
  body: {
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name, ...(args === undefined ? {} : { arguments: args }), _meta: meta },
  },
});

/** The calls the direct path answers: the same answer must come from the SDK. */
const plainCalls: [string, Call][] = [
  ['a tool with an output schema', toolCall('Echo_Say', { text: 'hi' })],
  ['an OAuth tool the user authorized', toolCall('Inbox_ListMessages', {})],
  ['a string id', toolCall('Echo_Say', { text: 'string id' }, { id: 'call-7' })],
  ['a client without capabilities', toolCall('Echo_Say', { text: 'bare' }, { meta: envelope({}) })],
  ['arguments the schema refuses', toolCall('Echo_Say', { text: 5 })],
  ['no arguments where some are required', toolCall('Echo_Say', undefined)],
  ["a tool's own error", toolCall('Failing_Lookup', { city: 'Atlantis' })],
  ['a retryable error', toolCall('Failing_Busy', {})],
  ['an engine-side failure', toolCall('Orphan_Read', {})],
  [
    'a tool inside ?toolkits=',
    { ...toolCall('Echo_Say', { text: 'kit' }), query: '?toolkits=Echo' },
  ],
  [
    'a tool within a user-scoped token',
    { ...toolCall('Inbox_ListMessages', {}), scopedTo: ['Inbox'] },
  ],
];

/** Calls the direct path leaves to the SDK: the two engines must still answer alike. */
const otherCalls: [string, Call][] = [
  ['an unknown tool', toolCall('Nothing_Here', {})],
  [
    'a tool the user has not authorized, from a client without URL elicitation',
    { ...toolCall('Inbox_ListMessages', {}, { meta: envelope({}) }), headers: { user: 'bob' } },
  ],
  [
    'a tool the user has not authorized (consent asked)',
    { ...toolCall('Inbox_ListMessages', {}), headers: { user: 'bob' } },
  ],
  [
    'an Mcp-Name header naming another tool',
    { ...toolCall('Echo_Say', { text: 'x' }), headers: { 'mcp-name': 'Inbox_ListMessages' } },
  ],
  [
    'no MCP-Protocol-Version header',
    { ...toolCall('Echo_Say', { text: 'x' }), headers: { 'mcp-protocol-version': undefined } },
  ],
  ['arguments that are an array', toolCall('Echo_Say', ['hi'])],
  ['a fractional id', toolCall('Echo_Say', { text: 'x' }, { id: 1.5 })],
  [
    'a malformed envelope',
    toolCall(
      'Echo_Say',
      { text: 'x' },
      { meta: { ...envelope(), 'io.modelcontextprotocol/clientInfo': 5 } },
    ),
  ],
  [
    'a progress token',
    toolCall('Echo_Say', { text: 'progress' }, { meta: { ...envelope(), progressToken: 'p' } }),
  ],
  [
    'a tool outside ?toolkits=',
    { ...toolCall('Echo_Say', { text: 'x' }), query: '?toolkits=Inbox' },
  ],
  [
    'a tool outside ?tools=',
    { ...toolCall('Echo_Say', { text: 'x' }), query: '?tools=Inbox_ListMessages' },
  ],
  [
    "a tool outside a user-scoped token's toolkits",
    { ...toolCall('Inbox_ListMessages', {}), scopedTo: ['Echo'] },
  ],
  [
    'a forged requestState',
    {
      body: {
        ...toolCall('Echo_Say', { text: 'x' }).body,
        params: {
          ...(toolCall('Echo_Say', { text: 'x' }).body.params as object),
          requestState: 'forged',
        },
      },
    },
  ],
];

describe('the direct tools/call path', () => {
  const fixture = useEngineWithProvider({ startEngine: false });
  const recorder = createRecorder();
  const messages: string[] = [];
  const scopedTokens: { label: string; value: string }[] = [];
  const runs = { direct: [] as string[], viaSdk: [] as string[] };
  /** SDK server instances each engine built: none for a call the direct path answers. */
  const serversBuilt = { direct: 0, viaSdk: 0 };
  let direct: EngineUnderTest;
  let viaSdk: EngineUnderTest;

  beforeAll(async () => {
    const start = (which: keyof typeof runs, directToolCalls: boolean) =>
      fixture.launcher.start({
        recorder,
        extraToolkits: [
          createEchoToolkit({ onRun: (text) => runs[which].push(text) }),
          misconfiguredToolkit,
          failingToolkit,
        ],
        engineOptions: {
          [mcpServerExtension]: {
            tools: [],
            directToolCalls,
            onServerCreated: () => {
              serversBuilt[which] += 1;
            },
          },
        },
      });
    direct = await start('direct', true);
    viaSdk = await start('viaSdk', false);
    for (const underTest of [direct, viaSdk]) {
      const { authorization } = await authorizeAndConsent({
        client: underTest.client,
        provider: fixture.provider,
        userId: 'alice',
      });
      await underTest.client.auth.waitForCompletion(authorization);
    }
  });

  const mintToken = async (underTest: EngineUnderTest, toolkits: string[]): Promise<string> => {
    const response = await fetch(`${underTest.url}/v1/mcp/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${underTest.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'alice', toolkits, expires_in: 600 }),
    });
    expect(response.status).toBe(201);
    const { token } = (await response.json()) as { token: string };
    scopedTokens.push({ label: 'user-scoped MCP token', value: token });
    return token;
  };

  const send = async (underTest: EngineUnderTest, call: Call) => {
    const { body, headers = {}, query = '', scopedTo } = call;
    const { user = 'alice', ...overrides } = headers;
    const params = body.params as { name?: unknown } | undefined;
    const identity: Record<string, string> =
      scopedTo === undefined
        ? { authorization: `Bearer ${underTest.apiKey}`, 'arcade-user-id': user }
        : { authorization: `Bearer ${await mintToken(underTest, scopedTo)}` };
    const requestHeaders: Record<string, string> = {
      ...identity,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': String(body.method),
      'mcp-name': String(params?.name),
    };
    for (const [name, value] of Object.entries(overrides)) {
      if (value === undefined) delete requestHeaders[name];
      else requestHeaders[name] = value;
    }
    const response = await fetch(`${underTest.url}/mcp${query}`, {
      method: 'POST',
      headers: requestHeaders,
      body: JSON.stringify(body),
    });
    const text = await response.text();
    messages.push(text);
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: JSON.parse(text) as unknown,
    };
  };

  /** What differs between two engines by nature: flow links and sealed states. */
  const normalized = (answer: Awaited<ReturnType<typeof send>>, underTest: EngineUnderTest) =>
    JSON.parse(
      JSON.stringify(answer)
        .replaceAll(underTest.url, '<engine>')
        .replace(/"requestState":"[^"]+"/g, '"requestState":"<sealed>"')
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
        .replace(/state=[A-Za-z0-9_-]+/g, 'state=<state>'),
    ) as unknown;

  const compare = async (call: Call, { answeredDirectly }: { answeredDirectly: boolean }) => {
    const before = { direct: runs.direct.length, viaSdk: runs.viaSdk.length };
    const built = { ...serversBuilt };
    const fromDirect = await send(direct, call);
    const fromSdk = await send(viaSdk, call);
    // Answered directly: no SDK server on that engine, one on the other. Otherwise both took
    // the same path (the SDK refuses some requests before it builds a server).
    const builtViaSdk = serversBuilt.viaSdk - built.viaSdk;
    expect(serversBuilt.direct - built.direct).toBe(answeredDirectly ? 0 : builtViaSdk);
    if (answeredDirectly) expect(builtViaSdk).toBe(1);
    expect(normalized(fromDirect, direct)).toEqual(normalized(fromSdk, viaSdk));
    expect(runs.direct.length - before.direct).toBe(runs.viaSdk.length - before.viaSdk);
    expect(runs.direct.length - before.direct).toBeLessThanOrEqual(1);
    return fromDirect;
  };

  it.each(plainCalls)('answers %s directly, as the SDK does', async (_case, call) => {
    expect(plainToolCall(toHeaders(call), call.body)).toBeDefined();
    const answer = await compare(call, { answeredDirectly: true });
    expect(answer).toMatchObject({ status: 200, contentType: 'application/json' });
  });

  it.each(otherCalls)('leaves %s to the SDK', async (_case, call) => {
    await compare(call, { answeredDirectly: false });
  });

  it('answers the output of a tool the user authorized with the tool’s value', async () => {
    const answer = await compare(toolCall('Inbox_ListMessages', {}), { answeredDirectly: true });
    const text = JSON.stringify(answer.body);
    expect(text).toContain('"resultType":"complete"');
    expect(text).toContain('toolgrant-engine');
    expect(text).not.toContain('"isError":true');
  });

  it("takes the official v2 client's own tools/call request", async () => {
    let captured: Call | undefined;
    const client = new Client(
      { name: 'differential-test', version: '1.0.0' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    const transport = new StreamableHTTPClientTransport(new URL(`${direct.url}/mcp`), {
      requestInit: {
        headers: { authorization: `Bearer ${direct.apiKey}`, 'arcade-user-id': 'alice' },
      },
      fetch: async (input, init) => {
        const body = typeof init?.body === 'string' ? init.body : '';
        if (body.includes('"tools/call"')) {
          captured = {
            body: JSON.parse(body) as Record<string, unknown>,
            headers: Object.fromEntries(new Headers(init?.headers).entries()),
          };
        }
        return fetch(input, init);
      },
    });
    await client.connect(transport);
    const result = await client.callTool({ name: 'Echo_Say', arguments: { text: 'official' } });
    await client.close();
    expect(result.structuredContent).toEqual({ said: 'official' });
    if (captured === undefined) throw new Error('The client sent no tools/call.');
    expect(
      plainToolCall(new Headers(captured.headers as Record<string, string>), captured.body),
    ).toEqual({
      id: expect.anything(),
      name: 'Echo_Say',
      input: { text: 'official' },
    });
  });

  it("leaks no secret in any answer or log line, nor a tool's developer message", async () => {
    expect(messages.join('\n')).toContain('No city called Atlantis.');
    expect(messages.join('\n')).not.toContain('looked up in the test atlas');
    for (const underTest of [direct, viaSdk]) {
      await expectNoSecrets({
        underTest,
        recorder,
        messages,
        userIds: ['alice'],
        extraSecrets: scopedTokens,
      });
    }
  });
});

function toHeaders({ body, headers = {} }: Call): Headers {
  const params = body.params as { name?: unknown } | undefined;
  const values = new Headers({
    'mcp-protocol-version': '2026-07-28',
    'mcp-method': String(body.method),
    'mcp-name': String(params?.name),
  });
  for (const [name, value] of Object.entries(headers)) {
    if (name !== 'user' && value !== undefined) values.set(name, value);
  }
  return values;
}

import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Client } from '@modelcontextprotocol/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { sqliteFileName } from '../../src/store/sqlite-store.js';
import { createRecorder, type EngineUnderTest } from '../e2e/engine-under-test.js';
import { useEngineWithProvider } from '../e2e/use-engine-with-provider.js';
import { connectV1Client } from './connect-v1-client.js';
import { expectNoSecrets } from './expect-no-secrets.js';
import { askForInbox, connectV2Client } from './mcp-clients.js';
import { createEchoToolkit } from './mcp-test-toolkits.js';

// Hostile input at the MCP endpoint, over real HTTP: forged, replayed and borrowed consent
// states, foreign Host and Origin headers, missing users, expired, revoked and narrow
// user-scoped tokens, a borrowed session. Each is refused, no tool runs, and the store is as
// it was (except where a refusal must record something: a spent state stays spent).

const recorder = createRecorder();
const fixture = useEngineWithProvider({ startEngine: false });
const echoRuns: string[] = [];
const messages: string[] = [];
let underTest: EngineUnderTest;
const mcpTokens: { label: string; value: string }[] = [];

beforeAll(async () => {
  underTest = await fixture.launcher.start({
    recorder,
    extraToolkits: [createEchoToolkit({ onRun: (text) => echoRuns.push(text) })],
    engineOptions: { mcp: { consentWaitSeconds: 1 } },
  });
  // alice has consented: a valid consent state of hers would run the inbox tool.
  const asked = await askForInbox(await modernClient('alice'));
  await fixture.provider.completeConsent({
    authorizationUrl: asked.inputRequests.authorization?.params.url ?? '',
    username: 'alice',
    password: 'alice-password',
  });
});

const apiKeyHeaders = (userId: string) => ({
  Authorization: `Bearer ${underTest.apiKey}`,
  'Arcade-User-ID': userId,
});

function modernClient(
  userId: string,
  headers: Record<string, string> = apiKeyHeaders(userId),
): Promise<Client> {
  return connectV2Client({
    url: `${underTest.url}/mcp`,
    era: 'modern',
    headers,
    bodies: messages,
    autoFulfill: false,
  });
}

function retry(
  client: Client,
  requestState: string,
  { arguments: args = {} }: { arguments?: Record<string, unknown> } = {},
) {
  return client
    .callTool({
      name: 'Inbox_ListMessages',
      arguments: args,
      inputResponses: { authorization: { action: 'accept' } },
      requestState,
    } as never)
    .then(
      (result) => ({ result, error: undefined }),
      (error: unknown) => ({
        result: undefined,
        error: error as { code?: number; message?: string },
      }),
    );
}

/** A fresh consent state of bob's: he has not consented, so each call asks again. */
async function freshStateOf(userId: string): Promise<{ client: Client; state: string }> {
  const client = await modernClient(userId);
  return { client, state: (await askForInbox(client)).requestState };
}

function tamper(state: string): string {
  const at = Math.floor(state.length / 2);
  const flipped = state[at] === 'A' ? 'B' : 'A';
  return `${state.slice(0, at)}${flipped}${state.slice(at + 1)}`;
}

function expectRefusedState(outcome: Awaited<ReturnType<typeof retry>>) {
  expect(outcome.result).toBeUndefined();
  expect(outcome.error?.code).toBe(-32602);
  expect(outcome.error?.message).toContain('Invalid or expired requestState');
}

/** A raw POST to /mcp with any Host and headers (fetch cannot set Host). */
function rawPost({
  host,
  headers = {},
  body = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} },
}: {
  host?: string;
  headers?: Record<string, string>;
  body?: unknown;
}): Promise<{ status: number; text: string }> {
  const url = new URL(`${underTest.url}/mcp`);
  // A string is sent as it is (to send text that is not JSON).
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          host: host ?? url.host,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'content-length': Buffer.byteLength(payload),
          ...headers,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => {
          messages.push(`${response.statusCode} ${text}`);
          resolve({ status: response.statusCode ?? 0, text });
        });
      },
    );
    sent.on('error', reject);
    sent.end(payload);
  });
}

function inboxRuns(): number {
  return underTest.credentialsSeen.size;
}

describe('hostile consent states (2026-07-28)', () => {
  it('refuses a tampered requestState; nothing runs, the store is unchanged', async () => {
    const bob = await freshStateOf('bob');
    const before = underTest.dumpStore();
    const runsBefore = inboxRuns();
    expectRefusedState(await retry(bob.client, tamper(bob.state)));
    expectRefusedState(await retry(bob.client, `${bob.state}x`));
    expectRefusedState(await retry(bob.client, 'not a sealed state'));
    expect(inboxRuns()).toBe(runsBefore);
    expect(underTest.dumpStore()).toEqual(before);
  });

  it("refuses another user's requestState and another call's; nothing runs, nothing is spent", async () => {
    const bob = await freshStateOf('bob');
    const mallory = await modernClient('mallory');
    const before = underTest.dumpStore();
    const runsBefore = inboxRuns();
    expectRefusedState(await retry(mallory, bob.state));
    expectRefusedState(await retry(bob.client, bob.state, { arguments: { other: 1 } }));
    expect(inboxRuns()).toBe(runsBefore);
    expect(underTest.dumpStore()).toEqual(before);
  });

  it('accepts a requestState once: a replay is refused and runs nothing', async () => {
    // carol consents (logging in at the provider as bob) between the ask and the retry, so
    // the retry runs the tool.
    const carol = await freshStateOf('carol');
    const { requestState } = await askForInbox(carol.client);
    const flowUrl = (await askForInbox(carol.client)).inputRequests.authorization?.params.url;
    await fixture.provider.completeConsent({
      authorizationUrl: flowUrl ?? '',
      username: 'bob',
      password: 'bob-password',
    });
    const first = await retry(carol.client, requestState);
    expect(first.result?.isError).toBeFalsy();
    const runsAfterFirst = inboxRuns();
    const spent = underTest.dumpStore().spentRequestStates.length;
    expectRefusedState(await retry(carol.client, requestState));
    expect(inboxRuns()).toBe(runsAfterFirst);
    expect(underTest.dumpStore().spentRequestStates).toHaveLength(spent);
  });
});

describe('hostile requests at the endpoint', () => {
  const listTools = { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} };

  it('refuses a foreign Host or Origin with 403 (DNS rebinding), before anything else', async () => {
    const before = underTest.dumpStore();
    const headers = apiKeyHeaders('alice');
    const foreignHost = await rawPost({ host: `evil.example:${underTest.port}`, headers });
    expect(foreignHost.status).toBe(403);
    expect(foreignHost.text).toContain('not allowed');
    const foreignOrigin = await rawPost({
      headers: { ...headers, origin: 'http://evil.example' },
    });
    expect(foreignOrigin.status).toBe(403);
    const nullOrigin = await rawPost({ headers: { ...headers, origin: 'null' } });
    expect(nullOrigin.status).toBe(403);
    const localOrigin = await rawPost({
      headers: { ...headers, origin: `http://localhost:${underTest.port}` },
      body: listTools,
    });
    expect(localOrigin.status).not.toBe(403);
    expect(underTest.dumpStore()).toEqual(before);
  });

  it('refuses a request without credentials, with a wrong key, or without a user', async () => {
    const missing = await rawPost({});
    expect(missing.status).toBe(401);
    const wrongKey = await rawPost({
      headers: { Authorization: 'Bearer not-a-key', 'Arcade-User-ID': 'alice' },
    });
    expect(wrongKey.status).toBe(401);
    const noUser = await rawPost({ headers: { Authorization: `Bearer ${underTest.apiKey}` } });
    expect(noUser.status).toBe(400);
    expect(noUser.text).toContain('Arcade-User-ID');
    const badUser = await rawPost({
      headers: { Authorization: `Bearer ${underTest.apiKey}`, 'Arcade-User-ID': ' alice' },
    });
    expect(badUser.status).toBe(400);
    expect(badUser.text).not.toContain(underTest.apiKey);
  });

  it('refuses a 2026-07-28 request whose MCP headers disagree with its body; nothing runs', async () => {
    const call = (text: string, mcpName: string) =>
      rawPost({
        headers: {
          ...apiKeyHeaders('alice'),
          'mcp-protocol-version': '2026-07-28',
          'mcp-method': 'tools/call',
          'mcp-name': mcpName,
        },
        body: {
          jsonrpc: '2.0',
          id: 7,
          method: 'tools/call',
          params: {
            name: 'Echo_Say',
            arguments: { text },
            _meta: {
              'io.modelcontextprotocol/protocolVersion': '2026-07-28',
              'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1.0.0' },
              'io.modelcontextprotocol/clientCapabilities': {},
            },
          },
        },
      });
    const mismatched = await call('mismatched header', 'Inbox_ListMessages');
    expect(mismatched.status).toBe(400);
    expect(echoRuns).not.toContain('mismatched header');
    // The same request with agreeing headers runs: the refusal was the header's.
    const agreeing = await call('agreeing header', 'Echo_Say');
    expect(agreeing.status).toBe(200);
    expect(echoRuns).toContain('agreeing header');
  });

  it('answers a body that is not JSON with a JSON-RPC parse error', async () => {
    const malformed = await rawPost({
      headers: apiKeyHeaders('alice'),
      body: '{"jsonrpc": "2.0", "id": 1,',
    });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text)).toMatchObject({ error: { code: -32700 } });
  });

  it('refuses a 2025 session to anyone but the user who opened it', async () => {
    const { client } = await connectV1Client({
      url: `${underTest.url}/mcp`,
      headers: apiKeyHeaders('alice'),
      bodies: messages,
    });
    const sessionId = (client.transport as { sessionId?: string } | undefined)?.sessionId;
    expect(sessionId).toEqual(expect.any(String));
    const borrowed = await rawPost({
      headers: {
        ...apiKeyHeaders('mallory'),
        'mcp-session-id': sessionId ?? '',
        'mcp-protocol-version': '2025-11-25',
      },
      body: {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'Echo_Say', arguments: { text: 'stolen' } },
      },
    });
    expect(borrowed.status).toBe(403);
    expect(echoRuns).not.toContain('stolen');
    await client.close();
  });
});

describe('user-scoped MCP tokens', () => {
  async function mintToken(body: Record<string, unknown>): Promise<{ id: string; token: string }> {
    const response = await fetch(`${underTest.url}/v1/mcp/tokens`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${underTest.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    expect(response.status, text).toBe(201);
    const minted = JSON.parse(text) as { id: string; token: string };
    mcpTokens.push({ label: 'MCP token', value: minted.token });
    return minted;
  }

  it('acts only for its user and its toolkits', async () => {
    const { token } = await mintToken({ user_id: 'dave', toolkits: ['Echo'], expires_in: 600 });
    const client = await modernClient('dave', { Authorization: `Bearer ${token}` });
    const { tools } = await client.listTools();
    expect(tools.map(({ name }) => name)).toEqual(['Echo_Say']);
    const said = await client.callTool({ name: 'Echo_Say', arguments: { text: 'from dave' } });
    expect(said.isError).toBeFalsy();
    expect(echoRuns).toContain('from dave');

    const before = underTest.dumpStore();
    const runsBefore = inboxRuns();
    const other = await client.callTool({ name: 'Inbox_ListMessages', arguments: {} }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(other).toMatchObject({ code: -32602 });
    expect(inboxRuns()).toBe(runsBefore);
    expect(underTest.dumpStore().flows).toEqual(before.flows);

    const otherUser = await rawPost({
      headers: { Authorization: `Bearer ${token}`, 'Arcade-User-ID': 'alice' },
    });
    expect(otherUser.status).toBe(403);
    await client.close();
  });

  it('is refused once expired or revoked, and is stored only as a hash', async () => {
    const expiring = await mintToken({ user_id: 'erin', expires_in: 600 });
    const revoked = await mintToken({ user_id: 'erin', expires_in: 600 });
    const stored = underTest.dumpStore().mcpTokens;
    expect(JSON.stringify(stored)).not.toContain(expiring.token);
    expect(JSON.stringify(stored)).not.toContain(revoked.token.slice('tgmcp_'.length));

    const database = new DatabaseSync(path.join(underTest.dataDirectory, sqliteFileName));
    database
      .prepare('UPDATE mcp_tokens SET expires_at = ? WHERE id = ?')
      .run(Date.now() - 1000, expiring.id);
    database.close();
    const revokeResponse = await fetch(`${underTest.url}/v1/mcp/tokens/${revoked.id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${underTest.apiKey}` },
    });
    expect(revokeResponse.status).toBe(204);

    const before = underTest.dumpStore();
    for (const { token } of [expiring, revoked]) {
      const refused = await rawPost({
        headers: { Authorization: `Bearer ${token}` },
        body: {
          jsonrpc: '2.0',
          id: 3,
          method: 'tools/call',
          params: { name: 'Echo_Say', arguments: { text: 'after expiry' } },
        },
      });
      expect(refused.status).toBe(401);
    }
    expect(echoRuns).not.toContain('after expiry');
    expect(underTest.dumpStore()).toEqual(before);
  });

  it('refuses bad token requests with a clear message and stores nothing', async () => {
    const before = underTest.dumpStore();
    for (const body of [
      { user_id: 'erin' },
      { user_id: 'erin', expires_in: 10 },
      { user_id: 'erin', expires_in: 600, toolkits: [] },
      { expires_in: 600 },
    ]) {
      const response = await fetch(`${underTest.url}/v1/mcp/tokens`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${underTest.apiKey}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
    }
    const withoutKey = await fetch(`${underTest.url}/v1/mcp/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'erin', expires_in: 600 }),
    });
    expect(withoutKey.status).toBe(401);
    expect(underTest.dumpStore()).toEqual(before);
  });
});

describe('hostile requests to the token routes', () => {
  const post = (body: unknown, authorization = `Bearer ${underTest.apiKey}`) =>
    fetch(`${underTest.url}/v1/mcp/tokens`, {
      method: 'POST',
      headers: { Authorization: authorization, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const revoke = (id: string, authorization = `Bearer ${underTest.apiKey}`) =>
    fetch(`${underTest.url}/v1/mcp/tokens/${id}`, {
      method: 'DELETE',
      headers: { Authorization: authorization },
    });

  it('refuses hostile ids, sizes and encodings when minting, names the field, echoes nothing and stores nothing', async () => {
    const before = underTest.dumpStore();
    const hostile = [
      { user_id: 'victim\uD800', expires_in: 600 },
      { user_id: 'vic\u0000tim', expires_in: 600 },
      { user_id: ' victim', expires_in: 600 },
      { user_id: 'x'.repeat(4097), expires_in: 600 },
      { user_id: 'erin', expires_in: 600, toolkits: ['Echo\u0000'] },
      {
        user_id: 'erin',
        expires_in: 600,
        toolkits: Array.from({ length: 101 }, (_, i) => `T${i}`),
      },
      { user_id: 'erin', expires_in: 600.5 },
      { user_id: 'erin', expires_in: '600' },
      { user_id: 'erin', expires_in: 90 * 24 * 60 * 60 + 1 },
      { user_id: ['erin'], expires_in: 600 },
    ];
    for (const body of hostile) {
      const response = await post(body);
      const text = await response.text();
      expect(response.status, text).toBe(400);
      expect(text).not.toContain('victim');
      expect(text).not.toContain('x'.repeat(64));
    }
    const malformed = await post('{"user_id": "erin", "expires_in": 6');
    expect(malformed.status).toBe(400);
    expect(underTest.dumpStore()).toEqual(before);
  });

  it('an MCP token cannot mint or revoke tokens: only the API key can', async () => {
    const minted = await post({ user_id: 'frank', expires_in: 600 });
    const { id, token } = (await minted.json()) as { id: string; token: string };
    mcpTokens.push({ label: 'MCP token', value: token });
    const before = underTest.dumpStore();
    expect((await post({ user_id: 'frank', expires_in: 600 }, `Bearer ${token}`)).status).toBe(401);
    expect((await revoke(id, `Bearer ${token}`)).status).toBe(401);
    expect(underTest.dumpStore()).toEqual(before);
  });

  it('refuses hostile ids when revoking, and an unknown id is a 404 that echoes nothing; nothing changes', async () => {
    const before = underTest.dumpStore();
    for (const id of ['%00', '%20victim', encodeURIComponent('victim\uFFFD'), 'v'.repeat(300)]) {
      const response = await revoke(id);
      const text = await response.text();
      expect([400, 404], text).toContain(response.status);
      expect(text).not.toContain('victim');
      expect(text).not.toContain('v'.repeat(64));
    }
    expect((await revoke('%00')).status).toBe(400);
    const unknown = await revoke('mcpt_victim-unknown');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).not.toContain('victim');
    expect(underTest.dumpStore()).toEqual(before);
  });
});

describe('after every hostile request', () => {
  it('no token leaked in any message or log line', async () => {
    await expectNoSecrets({
      underTest,
      recorder,
      messages,
      userIds: ['alice', 'carol'],
      extraSecrets: mcpTokens,
    });
  });
});

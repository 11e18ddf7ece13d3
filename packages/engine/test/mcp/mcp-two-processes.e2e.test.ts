import type { Client } from '@modelcontextprotocol/client';
import { type OAuthProvider, startOAuthProvider } from '@toolgrant/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { describeWithPostgres } from '../describe-with-postgres.js';
import { browserCookie } from '../e2e/browser-cookie.js';
import type { EngineProcessSettings } from '../e2e/engine-process.js';
import { createEngineProcessSettings } from '../e2e/engine-process-settings.js';
import { clientId, clientSecret } from '../e2e/engine-under-test.js';
import { findLeaks } from '../e2e/secret-encodings.js';
import { type ServerProcess, spawnServerProcess } from '../e2e/spawn-server-process.js';
import { useScratchDatabase } from '../e2e/use-scratch-database.js';
import { connectV1Client } from './connect-v1-client.js';
import { connectV2Client } from './mcp-clients.js';

// Two engine processes on one PostgreSQL database, as behind a load balancer: the MCP client
// talks to A, the user's browser returns from the provider to B. A 2025 session on A is told
// the elicitation completed; a 2026-07-28 retry on A runs the tool; a consent state spent on A
// is refused on B.

type InputRequired = {
  resultType: 'input_required';
  inputRequests: Record<string, { params: { url: string } }>;
  requestState: string;
};

describeWithPostgres('MCP consent across two engine processes on PostgreSQL', (databaseUrl) => {
  const database = useScratchDatabase({ serverUrl: databaseUrl, namePrefix: 'toolgrant_mcp' });
  let provider: OAuthProvider;
  let settings: EngineProcessSettings;
  let engines: ServerProcess[] = [];
  const messages: string[] = [];

  beforeAll(async () => {
    provider = await startOAuthProvider();
    settings = createEngineProcessSettings({ provider, databaseUrl: database.url });
    engines.push(await spawnServerProcess({ settings }));
    engines.push(await spawnServerProcess({ settings }));
    provider.addClient({
      clientId,
      clientSecret,
      redirectUris: engines.map((engine) => `${engine.url}/v1/oauth/callback`),
    });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.stop()));
    engines = [];
    await provider?.close();
  });

  const headers = (userId: string) => ({
    Authorization: `Bearer ${settings.apiKey}`,
    'Arcade-User-ID': userId,
  });

  /** The user consents at the provider; the browser's return lands on B. */
  async function consentWithCallbackOnB(url: string, username: string): Promise<void> {
    const [a, b] = engines as [ServerProcess, ServerProcess];
    const consent = await provider.completeConsent({
      authorizationUrl: url,
      username,
      password: `${username}-password`,
      followCallback: false,
    });
    const callbackOnB = consent.redirectUrl.replace(a.url, b.url);
    expect(callbackOnB.startsWith(`${b.url}/v1/oauth/callback?`)).toBe(true);
    const callback = await fetch(callbackOnB, {
      redirect: 'manual',
      headers: browserCookie(consent),
    });
    expect(callback.status).toBe(200);
  }

  it('a 2025 session on A gets notifications/elicitation/complete when the callback lands on B', async () => {
    const [a] = engines as [ServerProcess];
    const { client, completed } = await connectV1Client({
      url: `${a.url}/mcp`,
      headers: headers('alice'),
      bodies: messages,
    });
    const error = (await client.callTool({ name: 'Inbox_ListMessages', arguments: {} }).then(
      () => undefined,
      (caught: unknown) => caught,
    )) as {
      code: number;
      data: { elicitations: { elicitationId: string; url: string }[] };
    };
    expect(error.code).toBe(-32042);
    const [elicitation] = error.data.elicitations;
    await consentWithCallbackOnB(elicitation?.url ?? '', 'alice');
    await completed(elicitation?.elicitationId ?? '');
    const result = await client.callTool({ name: 'Inbox_ListMessages', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.content)).toContain('messages');
    await client.close();
  });

  it('a 2026-07-28 retry on A runs the tool; the state spent on A is refused on B', async () => {
    const [a, b] = engines as [ServerProcess, ServerProcess];
    const connect = (engine: ServerProcess): Promise<Client> =>
      connectV2Client({
        url: `${engine.url}/mcp`,
        era: 'modern',
        headers: headers('bob'),
        bodies: messages,
        autoFulfill: false,
      });
    const onA = await connect(a);
    const asked = (await onA.callTool(
      { name: 'Inbox_ListMessages', arguments: {} },
      { allowInputRequired: true },
    )) as unknown as InputRequired;
    expect(asked.resultType).toBe('input_required');
    await consentWithCallbackOnB(asked.inputRequests.authorization?.params.url ?? '', 'bob');
    const retry = (client: Client) =>
      client.callTool({
        name: 'Inbox_ListMessages',
        arguments: {},
        inputResponses: { authorization: { action: 'accept' } },
        requestState: asked.requestState,
      } as never);
    const result = await retry(onA);
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.content)).toContain('messages');

    const onB = await connect(b);
    await expect(retry(onB)).rejects.toMatchObject({ code: -32602 });
    await onA.close();
    await onB.close();
  });

  it('leaks no token in any message', async () => {
    const store = await PostgresStore.open({
      databaseUrl: database.url,
      encryptionKey: Buffer.from(settings.encryptionKey, 'base64'),
    });
    const secrets = [
      { label: 'client secret', value: clientSecret },
      { label: 'engine API key', value: settings.apiKey },
      { label: 'encryption key', value: settings.encryptionKey },
    ];
    try {
      for (const userId of ['alice', 'bob']) {
        const credential = await store.getCredential({ userId, providerId: 'testkit' });
        expect(credential).toBeDefined();
        secrets.push({ label: `${userId}'s access token`, value: credential?.accessToken ?? '' });
        if (credential?.refreshToken !== undefined) {
          secrets.push({ label: `${userId}'s refresh token`, value: credential.refreshToken });
        }
      }
    } finally {
      await store.close();
    }
    expect(messages.length).toBeGreaterThan(0);
    expect(findLeaks({ secrets, haystacks: { 'MCP messages': messages } })).toEqual([]);
  });
});

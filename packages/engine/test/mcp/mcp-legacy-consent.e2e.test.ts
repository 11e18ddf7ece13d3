import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { createRecorder } from '../e2e/engine-under-test.js';
import { useEngineWithProvider } from '../e2e/use-engine-with-provider.js';
import { connectV1Client } from './connect-v1-client.js';
import { expectNoSecrets } from './expect-no-secrets.js';
import { connectV2Client } from './mcp-clients.js';

// Consent on 2025-11-25 sessions: the call fails with -32042 naming the flow as elicitationId,
// the user consents at the testkit provider, the session receives
// notifications/elicitation/complete, and the client's retry runs the tool.

const recorder = createRecorder();
const fixture = useEngineWithProvider({ startEngine: false });
let started: Awaited<ReturnType<typeof fixture.launcher.start>> | undefined;
const engine = async () => {
  started ??= await fixture.launcher.start({ recorder });
  return started;
};
const messages: string[] = [];

type UrlElicitation = { mode: string; elicitationId: string; url: string; message: string };

describe('consent on 2025-11-25 sessions', () => {
  it('v1 SDK client: -32042, then the completion notification, then the retry runs', async () => {
    const underTest = await engine();
    const { client, completed } = await connectV1Client({
      url: `${underTest.url}/mcp`,
      headers: { Authorization: `Bearer ${underTest.apiKey}`, 'Arcade-User-ID': 'alice' },
      bodies: messages,
    });
    const error = await client.callTool({ name: 'Inbox_ListMessages', arguments: {} }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(-32042);
    const [elicitation] = ((error as McpError).data as { elicitations: UrlElicitation[] })
      .elicitations;
    expect(elicitation).toMatchObject({ mode: 'url', elicitationId: expect.stringMatching(/\S/) });
    expect(elicitation?.message).toContain('testkit');

    await fixture.provider.completeConsent({
      authorizationUrl: elicitation?.url ?? '',
      username: 'alice',
      password: 'alice-password',
    });
    await completed(elicitation?.elicitationId ?? '');

    const result = await client.callTool({ name: 'Inbox_ListMessages', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.content)).toContain('messages');
    await client.close();
  });

  it('SDK v2 client in the 2025 era gets the same -32042 answer', async () => {
    const underTest = await engine();
    const client = await connectV2Client({
      url: `${underTest.url}/mcp`,
      era: 'legacy',
      headers: { Authorization: `Bearer ${underTest.apiKey}`, 'Arcade-User-ID': 'bob' },
      bodies: messages,
    });
    const error = await client.callTool({ name: 'Inbox_ListMessages', arguments: {} }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: -32042 });
    await client.close();
  });

  it('a client without URL elicitation gets an isError result saying why, and nothing runs', async () => {
    const underTest = await engine();
    const { client } = await connectV1Client({
      url: `${underTest.url}/mcp`,
      headers: { Authorization: `Bearer ${underTest.apiKey}`, 'Arcade-User-ID': 'carol' },
      bodies: messages,
      urlElicitation: false,
    });
    const result = await client.callTool({ name: 'Inbox_ListMessages', arguments: {} });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('did not declare URL elicitation');
    await client.close();
  });

  it('leaks no token in any message or log line', async () => {
    await expectNoSecrets({ underTest: await engine(), recorder, messages, userIds: ['alice'] });
  });
});

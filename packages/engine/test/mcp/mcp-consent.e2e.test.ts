import type { Client } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { createRecorder } from '../e2e/engine-under-test.js';
import { useEngineWithProvider } from '../e2e/use-engine-with-provider.js';
import { expectNoSecrets } from './expect-no-secrets.js';
import { askForInbox, connectV2Client, type InboxInputRequired } from './mcp-clients.js';

// Consent as URL elicitation, protocol 2026-07-28, with the official SDK v2 client: the engine
// answers a tool the user has not authorized with `input_required` carrying its authorization
// link; the user consents at the testkit provider; the retry runs the tool.

const recorder = createRecorder();
const fixture = useEngineWithProvider({ startEngine: false });
let started: Awaited<ReturnType<typeof fixture.launcher.start>> | undefined;
const engine = async () => {
  // A short wait on the flow, so that the still-pending case answers quickly.
  started ??= await fixture.launcher.start({
    recorder,
    engineOptions: { mcp: { consentWaitSeconds: 1 } },
  });
  return started;
};
const messages: string[] = [];

async function manualClient(userId: string): Promise<Client> {
  const underTest = await engine();
  return connectV2Client({
    url: `${underTest.url}/mcp`,
    era: 'modern',
    headers: { Authorization: `Bearer ${underTest.apiKey}`, 'Arcade-User-ID': userId },
    bodies: messages,
    autoFulfill: false,
  });
}

async function consentAs(userId: string, url: string): Promise<void> {
  await fixture.provider.completeConsent({
    authorizationUrl: url,
    username: userId,
    password: `${userId}-password`,
  });
}

describe('consent as URL elicitation, 2026-07-28', () => {
  it('asks with input_required and one URL elicitation, then runs the tool on the retry', async () => {
    const client = await manualClient('alice');
    const asked = await askForInbox(client);
    expect(asked.resultType).toBe('input_required');
    expect(Object.keys(asked.inputRequests)).toEqual(['authorization']);
    const elicitation = asked.inputRequests.authorization;
    expect(elicitation?.method).toBe('elicitation/create');
    expect(elicitation?.params.mode).toBe('url');
    expect(elicitation?.params.message).toContain('testkit');
    expect(elicitation?.params.message).toContain('inbox.read');
    const url = new URL(elicitation?.params.url ?? '');
    expect(url.origin).toBe((await engine()).url);
    expect(asked.requestState).toEqual(expect.any(String));

    await consentAs('alice', url.href);
    const result = await client.callTool({
      name: 'Inbox_ListMessages',
      arguments: {},
      inputResponses: { authorization: { action: 'accept' } },
      requestState: asked.requestState,
    } as never);
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.content)).toContain('messages');
    await client.close();
  });

  it('asks again with the same link while the flow is still pending', async () => {
    const client = await manualClient('bob');
    const asked = await askForInbox(client);
    const link = asked.inputRequests.authorization?.params.url;
    const again = (await client.callTool(
      {
        name: 'Inbox_ListMessages',
        arguments: {},
        inputResponses: { authorization: { action: 'accept' } },
        requestState: asked.requestState,
      } as never,
      { allowInputRequired: true },
    )) as unknown as InboxInputRequired;
    expect(again.resultType).toBe('input_required');
    expect(again.inputRequests.authorization?.params.url).toBe(link);
    expect(again.requestState).not.toBe(asked.requestState);
    await client.close();
  });

  it('ends the call with an isError result when the user declines, and runs nothing', async () => {
    const underTest = await engine();
    const client = await manualClient('carol');
    const asked = await askForInbox(client);
    const seenBefore = underTest.credentialsSeen.size;
    for (const action of ['decline', 'cancel'] as const) {
      const retry = action === 'decline' ? asked : await askForInbox(client);
      const result = await client.callTool({
        name: 'Inbox_ListMessages',
        arguments: {},
        inputResponses: { authorization: { action } },
        requestState: retry.requestState,
      } as never);
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toContain('The tool did not run');
    }
    expect(underTest.credentialsSeen.size).toBe(seenBefore);
    await client.close();
  });

  it('with autoFulfill, a handler that waits for the user to consent gets the result in one call', async () => {
    const underTest = await engine();
    const shown: string[] = [];
    const client = await connectV2Client({
      url: `${underTest.url}/mcp`,
      era: 'modern',
      headers: { Authorization: `Bearer ${underTest.apiKey}`, 'Arcade-User-ID': 'bob' },
      bodies: messages,
      onElicitUrl: async ({ url, message }) => {
        shown.push(message);
        await consentAs('bob', url);
        return 'accept';
      },
    });
    const result = await client.callTool({ name: 'Inbox_ListMessages', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.content)).toContain('messages');
    expect(shown).toHaveLength(1);
    await client.close();
  });

  it('leaks no token in any message or log line', async () => {
    await expectNoSecrets({
      underTest: await engine(),
      recorder,
      messages,
      userIds: ['alice', 'bob', 'carol'],
    });
  });
});

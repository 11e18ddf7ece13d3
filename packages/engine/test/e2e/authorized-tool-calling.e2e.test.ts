import { PermissionDeniedError } from '@arcadeai/arcadejs';
import { describe, expect, it } from 'vitest';
import { inboxOf } from './engine-under-test.js';
import { useEngineWithProvider } from './use-engine-with-provider.js';

// The seeds' "Authorized Tool Calling" guide, run as written against the engine: the official
// client authorizes, the user consents at a real OAuth 2.0 provider, the client waits for
// completion and executes the tool, which reads the protected inbox with that user's token.

const fixture = useEngineWithProvider();

describe('authorized tool calling with the official client', () => {
  it('authorize -> consent at the provider -> waitForCompletion -> execute returns that user’s inbox; a second user needs their own authorization', async () => {
    const { client, url } = fixture.underTest;

    // The guide's snippet, for alice.
    const userId = 'alice';
    const authResponse = await client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: userId,
    });
    expect(authResponse.status).toBe('pending');
    expect(authResponse.url).toMatch(new RegExp(`^${url}/v1/oauth/start/`));
    expect(authResponse.provider_id).toBe('testkit');
    expect(authResponse.scopes).toEqual(['inbox.read']);

    // The user opens the link: login and consent at the provider, back to the engine.
    const consent = await fixture.provider.completeConsent({
      authorizationUrl: authResponse.url ?? '',
      username: 'alice',
      password: 'alice-password',
    });
    expect(consent.redirectUrl.startsWith(`${url}/v1/oauth/callback?`)).toBe(true);
    expect(consent.callback?.status).toBe(200);
    expect(consent.callback?.body).toContain('Authorization complete');

    const completed = await client.auth.waitForCompletion(authResponse);
    expect(completed.status).toBe('completed');

    const emailsResponse = await client.tools.execute({
      tool_name: 'Inbox.ListMessages',
      user_id: userId,
    });
    expect(emailsResponse.success).toBe(true);
    const aliceInbox = inboxOf(emailsResponse);
    expect(aliceInbox.user.id).toBe('alice');
    const aliceSubjects = fixture.provider.users
      .find((user) => user.id === 'alice')
      ?.inbox.map((message) => message.subject);
    expect(aliceInbox.messages.map((message) => message.subject)).toEqual(aliceSubjects);

    // Authorized now: authorize answers `completed` at once, with no new link.
    const again = await client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: userId,
    });
    expect(again.status).toBe('completed');
    expect(again.url ?? undefined).toBeUndefined();

    // bob is not covered by alice's authorization.
    const refused = await client.tools
      .execute({ tool_name: 'Inbox.ListMessages', user_id: 'bob' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PermissionDeniedError);

    const bobAuth = await client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'bob',
    });
    expect(bobAuth.status).toBe('pending');
    expect(bobAuth.id).not.toBe(authResponse.id);
    await fixture.provider.completeConsent({
      authorizationUrl: bobAuth.url ?? '',
      username: 'bob',
      password: 'bob-password',
    });
    expect((await client.auth.waitForCompletion(bobAuth)).status).toBe('completed');
    const bobResult = await client.tools.execute({
      tool_name: 'Inbox.ListMessages',
      user_id: 'bob',
    });
    const bobInbox = inboxOf(bobResult);
    expect(bobInbox.user.id).toBe('bob');
    expect(bobInbox.messages).not.toEqual(aliceInbox.messages);

    // Each user still gets their own data.
    const aliceAgain = await client.tools.execute({
      tool_name: 'Inbox.ListMessages',
      user_id: 'alice',
    });
    expect(inboxOf(aliceAgain).user.id).toBe('alice');

    const connections = await client.admin.userConnections.list({ user_id: 'bob' });
    expect(connections.items.map((connection) => connection.user_id)).toEqual(['bob']);
  });

  it('lists the tools formatted for OpenAI', async () => {
    const allTools = [];
    for await (const tool of fixture.underTest.client.tools.formatted.list({ format: 'openai' })) {
      allTools.push(tool as { type: string; function: { name: string; parameters: unknown } });
    }
    expect(allTools.map((tool) => tool.function.name).sort()).toEqual([
      'Inbox_ListMessages',
      'Weather_Current',
    ]);
    expect(allTools.every((tool) => tool.type === 'function')).toBe(true);
    const weather = allTools.find((tool) => tool.function.name === 'Weather_Current');
    expect(weather?.function.parameters).toMatchObject({
      type: 'object',
      properties: { city: { type: 'string', description: 'The city' } },
      required: ['city'],
    });
  });
});

import { randomBytes } from 'node:crypto';
import { waitForAuthorization } from '@toolgrant/core';
import { describe, expect, it } from 'vitest';
import { signGreeting } from './arcade-style-toolkits.js';
import { useArcadeStyleEngine } from './use-arcade-style-engine.js';

// The engine serving a worker written the way Arcade writes theirs (start-arcade-style-worker.ts
// lists the behaviours and the Arcade files they follow), used through the official client:
// listing, a tool that logs, a tool with a secret, an OAuth tool after real consent at the
// testkit provider, and errors passed back.

const setup = useArcadeStyleEngine();

describe("a worker that behaves as Arcade's do", () => {
  it('has all its tools listed, named Toolkit.Tool@version, though its health count is a string', async () => {
    const { client, admin } = setup();
    const names: string[] = [];
    for await (const tool of client.tools.list()) names.push(tool.fully_qualified_name);
    expect(names.sort()).toEqual([
      'Gmail.ListEmails@3.1.0',
      'Notes.Busy@0.4.0',
      'Notes.Greet@0.4.0',
      'Notes.SignGreeting@0.4.0',
      'Notes.Unserialisable@0.4.0',
    ]);
    const greet = await client.tools.get('Notes.Greet');
    expect(greet).toMatchObject({
      qualified_name: 'Notes.Greet',
      fully_qualified_name: 'Notes.Greet@0.4.0',
      toolkit: { name: 'Notes', version: '0.4.0' },
    });
    expect(await admin.workers.get('arcade')).toMatchObject({ health: { healthy: true } });
  });

  it('runs a tool and passes back the logs the worker put in its output', async () => {
    const { client } = setup();
    const result = await client.tools.execute({ tool_name: 'Notes.Greet', input: { name: 'Ada' } });
    expect(result.success).toBe(true);
    expect(result.output?.value).toBe('Hello, Ada!');
    expect(result.output?.logs).toEqual([
      { level: 'warning', message: 'Greet is deprecated; use Welcome.' },
    ]);
  });

  it('sends the secret as the list the worker iterates, and never returns it', async () => {
    const { client, setSecret, worker } = setup();
    const salt = `salt-${randomBytes(12).toString('hex')}`;
    await setSecret('GREETING_SALT', salt);
    const before = worker.invocations.length;
    const result = await client.tools.execute({
      tool_name: 'Notes.SignGreeting',
      input: { name: 'Ada' },
    });
    expect(result.success).toBe(true);
    expect(result.output?.value).toEqual({ signature: signGreeting({ salt, name: 'Ada' }) });
    const sent = worker.invocations.slice(before);
    expect(sent).toHaveLength(1);
    const [request] = sent as [{ context: { secrets: unknown } }];
    expect(request.context.secrets).toEqual([{ key: 'GREETING_SALT', value: salt }]);
    expect(JSON.stringify(result)).not.toContain(salt);
  });

  it('runs an OAuth tool after real consent, the token and user_info reaching the worker', async () => {
    const { client, provider, worker } = setup();
    const userId = 'alice';
    const authorization = await client.tools.authorize({
      tool_name: 'Gmail.ListEmails',
      user_id: userId,
    });
    expect(authorization.status).toBe('pending');
    const consent = await provider.completeConsent({
      authorizationUrl: authorization.url ?? '',
      username: userId,
      password: `${userId}-password`,
    });
    expect(consent.callback?.status).toBe(200);
    await waitForAuthorization({ client, authorization: { id: authorization.id ?? '' } });

    const before = worker.invocations.length;
    const result = await client.tools.execute({
      tool_name: 'Gmail.ListEmails',
      input: { limit: 1 },
      user_id: userId,
    });
    expect(result.success).toBe(true);
    const aliceInbox = provider.users.find((user) => user.id === userId)?.inbox ?? [];
    expect(result.output?.value).toEqual({
      user: userId,
      messages: aliceInbox.slice(0, 1),
      userInfoReceived: true,
    });
    const context = worker.invocations.slice(before)[0]?.context as {
      authorization: { token: string; user_info: unknown };
      user_id: string;
    };
    expect(context.user_id).toBe(userId);
    expect(context.authorization.user_info).toEqual({});
    expect(context.authorization.token.length).toBeGreaterThan(10);
    expect(JSON.stringify(result)).not.toContain(context.authorization.token);
  });

  it("passes back a tool error with the kind in the official client's upper case", async () => {
    const { client } = setup();
    const result = await client.tools.execute({ tool_name: 'Notes.Busy' });
    expect(result.success).toBe(false);
    expect(result.output?.error).toMatchObject({
      message: 'The service is busy; try again in a moment.',
      kind: 'TOOL_RUNTIME_RETRY',
      can_retry: true,
      retry_after_ms: 1500,
    });
  });

  it('reports an HTTP 500 from the worker as an error the model is not told to retry', async () => {
    const { client, worker } = setup();
    const before = worker.invokeStatuses.length;
    const result = await client.tools.execute({ tool_name: 'Notes.Unserialisable' });
    expect(worker.invokeStatuses.slice(before)).toEqual([500]);
    expect(result.success).toBe(false);
    expect(result.output?.error).toMatchObject({
      kind: 'NETWORK_TRANSPORT_RUNTIME_UNMAPPED',
      can_retry: false,
      message: "Tool 'Notes.Unserialisable' failed in the service that runs it.",
    });
  });
});

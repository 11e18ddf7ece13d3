import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorizationStatusHandler } from '../src/index.js';
import { type InboxEngine, startInboxEngine } from './inbox-engine.js';

// The long-poll route's handler against the real engine and provider: each user reads only
// their own authorizations. The signed-in user comes from a header here, standing in for the
// app's session.

const appUrl = 'http://app.test/api/toolgrant/authorization';

describe('createAuthorizationStatusHandler', () => {
  let inbox: InboxEngine;
  // Answers at once; `waitingHandler` holds a pending status as the app's route does.
  let handler: (request: Request) => Promise<Response>;
  let waitingHandler: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    inbox = await startInboxEngine();
    const getUserId = (request: Request) => request.headers.get('x-signed-in-user') ?? undefined;
    handler = createAuthorizationStatusHandler({ client: inbox.client, getUserId, waitSeconds: 0 });
    waitingHandler = createAuthorizationStatusHandler({ client: inbox.client, getUserId });
  });
  afterAll(() => inbox?.close());

  const authorizeInbox = (userId: string) =>
    inbox.client.tools.authorize({ tool_name: 'Inbox.ListMessages', user_id: userId });

  const statusOf = async (id: string, user: string | undefined, wait = false) => {
    const response = await (wait ? waitingHandler : handler)(
      new Request(`${appUrl}?id=${encodeURIComponent(id)}`, {
        headers: user === undefined ? {} : { 'x-signed-in-user': user },
      }),
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const statusRequests = () =>
    inbox.requests.filter((request) => request === 'GET /v1/auth/status').length;

  it("answers the caller's own authorization: pending, then completed by a long-poll", async () => {
    const authorization = await authorizeInbox('alice');
    const id = authorization.id as string;
    expect(await statusOf(id, 'alice')).toEqual({ status: 200, body: { id, status: 'pending' } });

    // Held by the engine until Alice consents, then answered at once.
    const waiting = statusOf(id, 'alice', true);
    await inbox.consent({ url: authorization.url as string });
    expect(await waiting).toEqual({ status: 200, body: { id, status: 'completed' } });
  });

  it("gives a second user nothing about the first user's authorization, before or after consent", async () => {
    const authorization = await authorizeInbox('carol');
    const id = authorization.id as string;
    const unknown = await statusOf('auth_0000000000000000000000000000', 'dave');

    const before = statusRequests();
    const pending = await statusOf(id, 'dave', true);
    // One check, no long-poll held open for someone else's id.
    expect(statusRequests() - before).toBe(1);
    expect(pending).toEqual({
      status: 404,
      body: { error: 'No such authorization for this user.' },
    });
    // The same answer as an id that does not exist: nothing tells them apart.
    expect(unknown).toEqual(pending);

    await inbox.consent({ url: authorization.url as string, username: 'bob' });
    expect(await statusOf(id, 'dave')).toEqual(pending);
    expect(await statusOf(id, 'carol')).toEqual({ status: 200, body: { id, status: 'completed' } });
  });

  it('answers 401 without asking the engine when the request has no signed-in user', async () => {
    const authorization = await authorizeInbox('erin');
    const before = statusRequests();
    const answer = await statusOf(authorization.id as string, undefined);
    expect(answer.status).toBe(401);
    expect(answer.body.error).toContain('Sign in');
    expect(statusRequests()).toBe(before);
  });

  it('refuses a missing or hostile id with words, and never echoes the engine', async () => {
    expect(await statusOf('', 'alice')).toEqual({
      status: 400,
      body: { error: 'Send the authorization id: GET ?id=<authorization id>.' },
    });
    for (const id of ['../../v1/tools', '<script>', 'x'.repeat(5_000)]) {
      expect(await statusOf(id, 'alice')).toEqual({
        status: 404,
        body: { error: 'No such authorization for this user.' },
      });
    }
  });

  it('starts a new authorization for the caller on POST { toolName } ("Try again")', async () => {
    const post = (body: unknown, user = 'frank') =>
      handler(
        new Request(appUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-signed-in-user': user },
          body: JSON.stringify(body),
        }),
      );
    const response = await post({ toolName: 'Inbox_ListMessages' });
    expect(response.status).toBe(200);
    const started = (await response.json()) as { id: string; url: string; status: string };
    expect(started).toMatchObject({ status: 'pending', providerId: 'testkit' });
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect((await statusOf(started.id, 'frank')).body).toEqual({
      id: started.id,
      status: 'pending',
    });
    expect((await statusOf(started.id, 'alice')).status).toBe(404);

    const before = inbox.requests.length;
    const missing = await post({});
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toContain('{ toolName }');
    expect(inbox.requests.length).toBe(before);
    const unknownTool = await post({ toolName: 'Nope_Nothing' });
    expect(unknownTool.status).toBe(400);
  });

  it('keeps secrets out of every answer', async () => {
    const authorization = await authorizeInbox('grace');
    const answers = JSON.stringify([
      await statusOf(authorization.id as string, 'grace'),
      await statusOf(authorization.id as string, 'mallory'),
    ]);
    for (const secret of inbox.secrets()) expect(answers).not.toContain(secret);
  });

  it('refuses a wait the engine would not honour', () => {
    expect(() =>
      createAuthorizationStatusHandler({
        client: inbox.client,
        getUserId: () => 'alice',
        waitSeconds: 120,
      }),
    ).toThrow('waitSeconds must be a number of seconds from 0 to 59, got 120.');
  });
});

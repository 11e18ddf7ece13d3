import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ArcadeApiServer, startArcadeApiServer } from '../test/arcade-api-server.js';
import { arcadeClient } from '../test/arcade-client.js';
import { AuthorizationFailedError } from './authorization-failed-error.js';
import { AuthorizationTimeoutError } from './authorization-timeout-error.js';
import { OperationAbortedError } from './operation-aborted-error.js';
import { ToolTransportError } from './tool-transport-error.js';
import { waitForAuthorization } from './wait-for-authorization.js';

let server: ArcadeApiServer;
beforeEach(async () => {
  server = await startArcadeApiServer();
});
afterEach(async () => {
  await server.close();
});

async function startFlow() {
  const client = arcadeClient({ server });
  const started = await client.tools.authorize({ tool_name: 'Demo.ReadInbox', user_id: 'ada' });
  expect(started.status).toBe('pending');
  return { client, id: started.id! };
}

describe('waitForAuthorization', () => {
  it('returns once the user completes the flow, with one long-poll request', async () => {
    const { client, id } = await startFlow();
    setTimeout(() => server.completeAuthorization(id), 200);

    const completed = await waitForAuthorization({ client, authorization: { id } });

    expect(completed).toEqual({
      id,
      status: 'completed',
      providerId: 'demo-mail',
      scopes: ['inbox.read'],
    });
    const polls = server.requests.filter((request) => request.route === 'GET /v1/auth/status');
    expect(polls).toHaveLength(1);
    expect(polls[0]?.query).toEqual({ id, wait: '59' });
    expect(JSON.stringify(completed)).not.toContain('secret-token');
  });

  it('bounds the server wait by the remaining timeout', async () => {
    const { client, id } = await startFlow();
    setTimeout(() => server.completeAuthorization(id), 100);

    await waitForAuthorization({ client, authorization: id, timeoutMs: 5_000 });

    const poll = server.requests.find((request) => request.route === 'GET /v1/auth/status');
    expect(Number(poll?.query.wait)).toBeLessThanOrEqual(5);
  });

  it('throws AuthorizationFailedError when the flow fails, instead of polling forever', async () => {
    const { client, id } = await startFlow();
    setTimeout(() => server.failAuthorization(id), 100);

    const waiting = waitForAuthorization({ client, authorization: { id } });

    await expect(waiting).rejects.toSatisfy(AuthorizationFailedError.isInstance);
    expect(server.count('GET /v1/auth/status')).toBe(1);
  });

  it('throws AuthorizationTimeoutError when the user does not finish in time', async () => {
    const { client, id } = await startFlow();

    const waiting = waitForAuthorization({ client, authorization: { id }, timeoutMs: 1_200 });

    await expect(waiting).rejects.toSatisfy(AuthorizationTimeoutError.isInstance);
    // Each long poll asked the server to hold it no longer than the time that was left.
    const polls = server.requests.filter((request) => request.route === 'GET /v1/auth/status');
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.map((poll) => Number(poll.query.wait))).toEqual(polls.map(() => 1));
  });

  it('stops the pending long poll when its signal aborts', async () => {
    const { client, id } = await startFlow();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);

    const waiting = waitForAuthorization({
      client,
      authorization: { id },
      signal: controller.signal,
    });

    await expect(waiting).rejects.toSatisfy(OperationAbortedError.isInstance);
    await expect.poll(() => server.abortedRequests).toBe(1);
  });

  it('throws ToolTransportError when the engine is unreachable', async () => {
    const { client, id } = await startFlow();
    await server.close();

    const waiting = waitForAuthorization({ client, authorization: { id } });

    await expect(waiting).rejects.toSatisfy(
      (error) => ToolTransportError.isInstance(error) && error.reason === 'unreachable',
    );
  });
});

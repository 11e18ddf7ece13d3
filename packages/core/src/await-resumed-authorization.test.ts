import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ArcadeApiServer, startArcadeApiServer } from '../test/arcade-api-server.js';
import { arcadeClient } from '../test/arcade-client.js';
import { awaitResumedAuthorization } from './await-resumed-authorization.js';
import { OperationAbortedError } from './operation-aborted-error.js';

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
  return { client, authorization: { id: started.id!, providerId: 'demo-mail' } };
}

const statusPolls = () => server.count('GET /v1/auth/status');

describe('awaitResumedAuthorization', () => {
  it('lets the tool run once the user has approved: a look, then a long-poll while pending', async () => {
    const { client, authorization } = await startFlow();
    setTimeout(() => server.completeAuthorization(authorization.id), 50);

    expect(await awaitResumedAuthorization({ client, authorization })).toBeUndefined();
    expect(
      server.requests.filter((r) => r.route === 'GET /v1/auth/status').map((r) => r.query),
    ).toEqual([{ id: authorization.id }, { id: authorization.id, wait: '59' }]);
  });

  it('asks once, without waiting, when the authorization has already settled', async () => {
    // Engines hold a long-poll for a failure they have reported already; a resumed run must not wait for it.
    const failed = await startFlow();
    server.failAuthorization(failed.authorization.id);
    const outcome = await awaitResumedAuthorization(failed);
    expect(outcome?.type === 'error' && outcome.error.message).toMatch(
      /^The authorization of demo-mail failed\./,
    );
    const completed = await startFlow();
    server.completeAuthorization(completed.authorization.id);
    expect(await awaitResumedAuthorization(completed)).toBeUndefined();
    expect(
      server.requests.filter((r) => r.route === 'GET /v1/auth/status').map((r) => r.query),
    ).toEqual([{ id: failed.authorization.id }, { id: completed.authorization.id }]);
  });

  it('tells the model the user declined, without asking the engine', async () => {
    const { client, authorization } = await startFlow();

    const outcome = await awaitResumedAuthorization({ client, authorization, declined: true });

    expect(outcome).toMatchObject({
      type: 'error',
      error: {
        kind: 'TOOL_AUTHORIZATION_NOT_COMPLETED',
        message: expect.stringMatching(
          /^The user declined to authorize demo-mail\. The tool did not run/,
        ),
        canRetry: false,
      },
    });
    expect(statusPolls()).toBe(0);
  });

  it('tells the model when the authorization failed or ran out of time', async () => {
    const failedFlow = await startFlow();
    setTimeout(() => server.failAuthorization(failedFlow.authorization.id), 50);
    const failed = await awaitResumedAuthorization(failedFlow);
    expect(failed?.type === 'error' && failed.error.message).toMatch(
      /^The authorization of demo-mail failed\./,
    );

    const slowFlow = await startFlow();
    const timedOut = await awaitResumedAuthorization({ ...slowFlow, timeoutMs: 1_100 });
    expect(timedOut?.type === 'error' && timedOut.error.message).toMatch(
      /^The user did not finish authorizing demo-mail in time\./,
    );
  });

  it('names the provider given beside a missing authorization, and has nothing to wait for', async () => {
    const client = arcadeClient({ server });
    const declined = await awaitResumedAuthorization({
      client,
      authorization: undefined,
      providerId: 'github',
      declined: true,
    });
    expect(declined?.type === 'error' && declined.error.message).toMatch(/authorize github\./);
    expect(await awaitResumedAuthorization({ client, authorization: undefined })).toBeUndefined();
    expect(statusPolls()).toBe(0);
  });

  it('passes an abort on to the developer', async () => {
    const { client, authorization } = await startFlow();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      awaitResumedAuthorization({ client, authorization, signal: controller.signal }),
    ).rejects.toSatisfy(OperationAbortedError.isInstance);
  });
});

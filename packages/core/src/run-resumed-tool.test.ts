import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ArcadeApiServer, startArcadeApiServer } from '../test/arcade-api-server.js';
import { arcadeClient } from '../test/arcade-client.js';
import { loadTools } from './load-tools.js';
import { runResumedTool } from './run-resumed-tool.js';
import { runTool } from './run-tool.js';
import type { ToolDefinition } from './tool-definition.js';
import { createToolgrantSession } from './toolgrant-session.js';

let server: ArcadeApiServer;
let readInbox: ToolDefinition;
beforeEach(async () => {
  server = await startArcadeApiServer();
  [readInbox] = (await loadTools({
    client: arcadeClient({ server }),
    tools: ['Demo.ReadInbox'],
  })) as [ToolDefinition];
  server.requests.length = 0;
});
afterEach(async () => {
  await server.close();
});

const routes = () => server.requests.map((request) => request.route);

async function pausedCall() {
  const client = arcadeClient({ server });
  const session = createToolgrantSession();
  const call = { client, session, definition: readInbox, input: {}, userId: 'ada' };
  const paused = await runTool(call);
  if (paused.type !== 'authorization_required') throw new Error(`not paused: ${paused.type}`);
  server.requests.length = 0;
  return { call, authorization: paused.authorization };
}

describe('runResumedTool', () => {
  it('waits for the authorization the call paused for, then runs the tool', async () => {
    const { call, authorization } = await pausedCall();
    setTimeout(() => server.completeAuthorization(authorization.id), 50);

    const outcome = await runResumedTool({ ...call, authorization });

    expect(outcome).toMatchObject({ type: 'completed' });
    // Still pending when resumed: a look, then a long-poll.
    expect(routes()).toEqual([
      'GET /v1/auth/status',
      'GET /v1/auth/status',
      'POST /v1/tools/authorize',
      'POST /v1/tools/execute',
    ]);
  });

  it('resumed after the approval, asks once and runs the tool', async () => {
    const { call, authorization } = await pausedCall();
    server.completeAuthorization(authorization.id);

    const outcome = await runResumedTool({ ...call, authorization });

    expect(outcome).toMatchObject({ type: 'completed' });
    expect(routes()).toEqual([
      'GET /v1/auth/status',
      'POST /v1/tools/authorize',
      'POST /v1/tools/execute',
    ]);
  });

  it('does not pause again when the engine still asks for an authorization: the model reads that the user has still not authorized', async () => {
    const { call } = await pausedCall();

    // Nothing to wait for (as after an AI SDK approval, checked just before): the tool is asked.
    const outcome = await runResumedTool({ ...call, authorization: undefined });

    expect(outcome).toEqual({
      type: 'error',
      error: {
        kind: 'TOOL_AUTHORIZATION_NOT_COMPLETED',
        message:
          'The user has still not authorized demo-mail. The tool did not run; tell the user, who can ask again when ready.',
        canRetry: false,
        retryAfterMs: undefined,
        additionalPromptContent: undefined,
      },
    });
    expect(routes()).toEqual(['POST /v1/tools/authorize']);
  });

  it('runs nothing when the user declined', async () => {
    const { call, authorization } = await pausedCall();

    const outcome = await runResumedTool({ ...call, authorization, declined: true });

    expect(outcome.type === 'error' && outcome.error.message).toMatch(
      /^The user declined to authorize demo-mail\./,
    );
    expect(routes()).toEqual([]);
  });
});

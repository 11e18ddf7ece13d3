import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ArcadeApiServer, startArcadeApiServer } from '../test/arcade-api-server.js';
import { arcadeClient } from '../test/arcade-client.js';
import { authorizeTool } from './authorize-tool.js';
import { loadTools } from './load-tools.js';
import { runTool } from './run-tool.js';
import type { ToolDefinition } from './tool-definition.js';
import { ToolTransportError } from './tool-transport-error.js';
import { createToolgrantSession } from './toolgrant-session.js';
import { UserIdRequiredError } from './user-id-required-error.js';

let server: ArcadeApiServer;
let definitions: Map<string, ToolDefinition>;
beforeEach(async () => {
  server = await startArcadeApiServer();
  const tools = await loadTools({
    client: arcadeClient({ server }),
    tools: ['Demo.Echo', 'Demo.ReadInbox'],
  });
  definitions = new Map(tools.map((tool) => [tool.qualified_name, tool]));
  server.requests.length = 0;
});
afterEach(async () => {
  await server.close();
});

const tool = (name: string) => definitions.get(name)!;
const routes = () => server.requests.map((request) => request.route);

describe('authorizeTool', () => {
  it('answers authorized for a tool without a requirement, sending nothing', async () => {
    const check = await authorizeTool({
      client: arcadeClient({ server }),
      definition: tool('Demo.Echo'),
    });

    expect(check).toEqual({ type: 'authorized' });
    expect(server.requests).toHaveLength(0);
  });

  it('starts an authorization for a user who has not granted one, with its URL and scopes', async () => {
    const check = await authorizeTool({
      client: arcadeClient({ server }),
      definition: tool('Demo.ReadInbox'),
      userId: 'ada',
    });

    expect(check.type).toBe('authorization_required');
    if (check.type !== 'authorization_required') return;
    expect(check.authorization.url).toMatch(/^https?:\/\//);
    expect(check.authorization.providerId).toBe('demo-mail');
    expect(check.authorization.scopes).toEqual(['inbox.read']);
    expect(routes()).toEqual(['POST /v1/tools/authorize']);
    expect(server.requests[0]?.body).toMatchObject({ tool_name: 'Demo.ReadInbox', user_id: 'ada' });
  });

  it('records a completed authorization, so the next check and the run cost one request in all', async () => {
    const client = arcadeClient({ server });
    const session = createToolgrantSession();
    server.grant('ada', 'demo-mail');

    expect(
      await authorizeTool({ client, session, definition: tool('Demo.ReadInbox'), userId: 'ada' }),
    ).toEqual({
      type: 'authorized',
    });
    expect(
      await authorizeTool({ client, session, definition: tool('Demo.ReadInbox'), userId: 'ada' }),
    ).toEqual({
      type: 'authorized',
    });
    const outcome = await runTool({
      client,
      session,
      definition: tool('Demo.ReadInbox'),
      input: {},
      userId: 'ada',
    });

    expect(outcome.type).toBe('completed');
    expect(routes()).toEqual(['POST /v1/tools/authorize', 'POST /v1/tools/execute']);
  });

  it('sends nothing for a user loadTools already reported as authorized', async () => {
    const client = arcadeClient({ server });
    const session = createToolgrantSession();
    server.grant('ada', 'demo-mail');
    const [readInbox] = await loadTools({
      client,
      session,
      tools: ['Demo.ReadInbox'],
      userId: 'ada',
    });
    server.requests.length = 0;

    const check = await authorizeTool({ client, session, definition: readInbox!, userId: 'ada' });

    expect(check).toEqual({ type: 'authorized' });
    expect(server.requests).toHaveLength(0);
  });

  it('asks for the user id when a tool needs an authorization and none was given', async () => {
    const attempt = authorizeTool({
      client: arcadeClient({ server }),
      definition: tool('Demo.ReadInbox'),
    });

    await expect(attempt).rejects.toSatisfy(UserIdRequiredError.isInstance);
    await expect(attempt).rejects.toThrow(/Pass the id of your end user as userId/);
  });

  it('throws a transport failure to the developer', async () => {
    server.failNext('POST /v1/tools/authorize', 503);

    const attempt = authorizeTool({
      client: arcadeClient({ server }),
      definition: tool('Demo.ReadInbox'),
      userId: 'ada',
    });

    await expect(attempt).rejects.toSatisfy(ToolTransportError.isInstance);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ArcadeApiServer,
  demoTools,
  loadCatalog,
  startArcadeApiServer,
} from '../test/arcade-api-server.js';
import { arcadeClient } from '../test/arcade-client.js';
import { InvalidToolDefinitionError } from './invalid-tool-definition-error.js';
import { loadTools } from './load-tools.js';
import { OperationAbortedError } from './operation-aborted-error.js';
import type { ToolDefinition } from './tool-definition.js';
import { ToolNotFoundError } from './tool-not-found-error.js';
import { ToolRequestError } from './tool-request-error.js';
import { ToolTransportError } from './tool-transport-error.js';
import { createToolgrantSession } from './toolgrant-session.js';

const catalog = loadCatalog();
const toolkitSize = (name: string) => catalog.filter((tool) => tool.toolkit.name === name).length;

let server: ArcadeApiServer;
beforeEach(async () => {
  server = await startArcadeApiServer();
});
afterEach(async () => {
  await server.close();
});

const listRequests = () => server.requests.filter((request) => request.route === 'GET /v1/tools');

describe('loadTools', () => {
  it('loads every tool over all pages, the pages after the first in parallel', async () => {
    const client = arcadeClient({ server });
    server.delay('GET /v1/tools', 100);

    const tools = await loadTools({ client, limit: 100 });

    expect(tools).toHaveLength(catalog.length + demoTools.length);
    expect(tools.map((tool) => tool.fully_qualified_name)).toContain('Gmail.ListEmails@4.1.0');
    expect(listRequests().map((request) => request.query.offset)).toEqual([
      '0',
      ...['100', '200', '300', '400', '500'],
    ]);
    // The first page gives the total; the other five are then open at the server together.
    expect(server.mostInFlight('GET /v1/tools')).toBe(5);
  });

  it('lists each toolkit asked for, with its own pages', async () => {
    const client = arcadeClient({ server });

    const tools = await loadTools({ client, toolkits: ['Gmail', 'github'], limit: 20 });

    expect(tools).toHaveLength(toolkitSize('Gmail') + toolkitSize('Github'));
    expect(new Set(tools.map((tool) => tool.toolkit.name))).toEqual(new Set(['Gmail', 'Github']));
    const queries = listRequests().map(
      (request) => `${request.query.toolkit}@${request.query.offset}`,
    );
    expect(queries.sort()).toEqual(['Gmail@0', 'github@0', 'github@20', 'github@40'].sort());
  });

  it('loads named tools, with or without a version, and drops duplicates', async () => {
    const client = arcadeClient({ server });

    const tools = await loadTools({
      client,
      toolkits: ['Gmail'],
      tools: ['Gmail.ListEmails', 'Gmail.SendEmail@4.1.0', 'Demo.Echo'],
    });

    expect(tools).toHaveLength(toolkitSize('Gmail') + 1);
    const names = tools.map((tool) => tool.fully_qualified_name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('Demo.Echo@1.0.0');
    expect(server.count('GET /v1/tools/{name}')).toBe(3);
  });

  it('says which version the engine serves when another version is asked for', async () => {
    const client = arcadeClient({ server });

    const loading = loadTools({ client, tools: ['Gmail.ListEmails@9.9.9'] });

    await expect(loading).rejects.toSatisfy(
      (error) =>
        ToolNotFoundError.isInstance(error) &&
        error.servedVersion === '4.1.0' &&
        error.message.includes("'Gmail.ListEmails@9.9.9'"),
    );
  });

  it('throws ToolNotFoundError for a tool the engine does not have', async () => {
    const client = arcadeClient({ server });

    const loading = loadTools({ client, tools: ['Gmail.ReadMinds'] });

    await expect(loading).rejects.toSatisfy(
      (error) => ToolNotFoundError.isInstance(error) && error.toolName === 'Gmail.ReadMinds',
    );
  });

  it('caches per client and filters until invalidated', async () => {
    const client = arcadeClient({ server });
    const session = createToolgrantSession();
    const first = await loadTools({ client, session, toolkits: ['Gmail'] });
    const again = await loadTools({ client, session, toolkits: ['gmail'] });
    expect(again).toEqual(first);
    expect(server.requests).toHaveLength(1);

    await loadTools({ client, session, toolkits: ['Slack'] });
    await loadTools({ client: arcadeClient({ server }), session, toolkits: ['Gmail'] });
    expect(server.requests).toHaveLength(3);

    session.clear({ client });
    await loadTools({ client, session, toolkits: ['Gmail'] });
    expect(server.requests).toHaveLength(4);
  });

  it('shares a load in flight, and does not keep one that started before invalidation', async () => {
    const client = arcadeClient({ server });
    const session = createToolgrantSession();
    server.delay('GET /v1/tools', 100);

    const [first, second] = await Promise.all([
      loadTools({ client, session, toolkits: ['Gmail'] }),
      loadTools({ client, session, toolkits: ['Gmail'] }),
    ]);
    expect(second).toEqual(first);
    expect(server.requests).toHaveLength(1);

    session.clear({ client });
    const stale = loadTools({ client, session, toolkits: ['Gmail'] });
    session.clear({ client });
    await stale;
    await loadTools({ client, session, toolkits: ['Gmail'] });
    expect(server.requests).toHaveLength(3);
  });

  it('asks for token statuses per user and invalidates one user alone', async () => {
    const client = arcadeClient({ server });
    const session = createToolgrantSession();
    await loadTools({ client, session, toolkits: ['Demo'], userId: 'ada' });
    await loadTools({ client, session, toolkits: ['Demo'], userId: 'grace' });
    expect(listRequests().map((request) => request.query.user_id)).toEqual(['ada', 'grace']);

    session.clear({ client, userId: 'ada' });
    await loadTools({ client, session, toolkits: ['Demo'], userId: 'ada' });
    await loadTools({ client, session, toolkits: ['Demo'], userId: 'grace' });
    expect(listRequests().map((request) => request.query.user_id)).toEqual(['ada', 'grace', 'ada']);
  });

  it('rejects a definition that is not an Arcade tool definition', async () => {
    await server.close();
    const broken = { ...demoTools[0], input: { parameters: [{ name: 'x' }] } } as ToolDefinition;
    server = await startArcadeApiServer({ tools: [broken] });

    const loading = loadTools({ client: arcadeClient({ server }) });

    await expect(loading).rejects.toSatisfy(InvalidToolDefinitionError.isInstance);
  });

  it('throws typed errors for a bad API key, a server error and an unreachable engine', async () => {
    const wrongKey = arcadeClient({ server: { url: server.url, apiKey: 'arc_wrong_key' } });
    await expect(loadTools({ client: wrongKey })).rejects.toSatisfy(
      (error) => ToolRequestError.isInstance(error) && error.status === 401,
    );

    server.failNext('GET /v1/tools', 503);
    await expect(loadTools({ client: arcadeClient({ server }) })).rejects.toSatisfy(
      (error) =>
        ToolTransportError.isInstance(error) &&
        error.reason === 'server_error' &&
        error.status === 503,
    );

    const unreachable = arcadeClient({ server });
    await server.close();
    await expect(loadTools({ client: unreachable })).rejects.toSatisfy(
      (error) => ToolTransportError.isInstance(error) && error.reason === 'unreachable',
    );
  });

  it('keeps the API key out of error messages', async () => {
    server.failNext('GET /v1/tools', 500);
    const error = await loadTools({ client: arcadeClient({ server }) }).catch((caught) => caught);
    expect(ToolTransportError.isInstance(error)).toBe(true);
    expect(String(error.message)).not.toContain(server.apiKey);
    expect(String(error.message)).not.toContain('simulated');
  });

  it('stops when its signal aborts', async () => {
    server.delay('GET /v1/tools', 5_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    const loading = loadTools({ client: arcadeClient({ server }), signal: controller.signal });

    await expect(loading).rejects.toSatisfy(OperationAbortedError.isInstance);
    await expect.poll(() => server.abortedRequests).toBe(1);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ArcadeApiServer, startArcadeApiServer } from '../test/arcade-api-server.js';
import { arcadeClient } from '../test/arcade-client.js';
import { loadTools } from './load-tools.js';
import { runTool } from './run-tool.js';
import { createToolgrantSession } from './toolgrant-session.js';

let server: ArcadeApiServer;
beforeEach(async () => {
  server = await startArcadeApiServer();
});
afterEach(async () => {
  await server.close();
});

const routes = () => server.requests.map((request) => request.route);

describe('ToolgrantSession', () => {
  it('is where tool lists and authorizations are remembered: one session shares them, two do not', async () => {
    server.grant('ada', 'demo-mail');
    const client = arcadeClient({ server });
    const [shared, other] = [createToolgrantSession(), createToolgrantSession()];
    const load = (session = shared) =>
      loadTools({ client, session, tools: ['Demo.ReadInbox'], userId: 'ada' });

    const [readInbox] = await load();
    await load();
    expect(routes()).toEqual(['GET /v1/tools/{name}']);
    await load(other);
    expect(routes()).toEqual(['GET /v1/tools/{name}', 'GET /v1/tools/{name}']);

    const run = (session = shared) =>
      runTool({ client, session, definition: readInbox!, input: {}, userId: 'ada' });
    server.requests.length = 0;
    await run();
    expect(routes()).toEqual(['POST /v1/tools/execute']);

    // Nothing was learnt into the other session: it asks before it runs, then knows too.
    server.requests.length = 0;
    const fresh = createToolgrantSession();
    await run(fresh);
    await run(fresh);
    expect(routes()).toEqual([
      'POST /v1/tools/authorize',
      'POST /v1/tools/execute',
      'POST /v1/tools/execute',
    ]);
  });

  it('remembers nothing between calls that pass no session', async () => {
    server.grant('ada', 'demo-mail');
    const client = arcadeClient({ server });
    const [readInbox] = await loadTools({ client, tools: ['Demo.ReadInbox'], userId: 'ada' });
    await loadTools({ client, tools: ['Demo.ReadInbox'], userId: 'ada' });
    await runTool({ client, definition: readInbox!, input: {}, userId: 'ada' });

    expect(routes()).toEqual([
      'GET /v1/tools/{name}',
      'GET /v1/tools/{name}',
      'POST /v1/tools/authorize',
      'POST /v1/tools/execute',
    ]);
  });

  it('forgets on clear: one user of one client, or everything', async () => {
    server.grant('ada', 'demo-mail');
    server.grant('grace', 'demo-mail');
    const client = arcadeClient({ server });
    const session = createToolgrantSession();
    const [readInbox] = await loadTools({ client, session, tools: ['Demo.ReadInbox'] });
    const run = (userId: string) =>
      runTool({ client, session, definition: readInbox!, input: {}, userId });
    await run('ada');
    await run('grace');

    session.clear({ client, userId: 'ada' });
    server.requests.length = 0;
    await run('ada');
    await run('grace');
    expect(routes()).toEqual([
      'POST /v1/tools/authorize',
      'POST /v1/tools/execute',
      'POST /v1/tools/execute',
    ]);

    session.clear();
    server.requests.length = 0;
    await loadTools({ client, session, tools: ['Demo.ReadInbox'] });
    await run('grace');
    expect(routes()).toEqual([
      'GET /v1/tools/{name}',
      'POST /v1/tools/authorize',
      'POST /v1/tools/execute',
    ]);
  });
});

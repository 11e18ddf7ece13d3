import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecorder, type EngineUnderTest } from '../e2e/engine-under-test.js';
import { useEngineWithProvider } from '../e2e/use-engine-with-provider.js';
import { startTestWorker, type TestWorker } from '../workers/start-test-worker.js';
import { echoToolkit } from '../workers/worker-toolkits.js';
import { connectV1Client } from './connect-v1-client.js';
import { expectNoSecrets } from './expect-no-secrets.js';
import { connectV2Client } from './mcp-clients.js';
import { createEchoToolkit } from './mcp-test-toolkits.js';

// The tool list over MCP: pages, the `?toolkits=` and `?tools=` subsets, and
// notifications/tools/list_changed when a worker registered at runtime brings new tools — on
// a 2025 session and on a 2026-07-28 `subscriptions/listen` stream.

const adminKey = 'tg_admin_mcp_tool_list_0123456789';
const workerSecret = 'mcp-tool-list-worker-secret-0123456789';
const fixture = useEngineWithProvider({ startEngine: false });
const recorder = createRecorder();
const messages: string[] = [];
let underTest: EngineUnderTest;
let worker: TestWorker;

beforeAll(async () => {
  worker = await startTestWorker({
    toolkits: [echoToolkit({ name: 'Notes', version: '1.0.0', servedBy: 'notes' })],
    secret: workerSecret,
  });
  underTest = await fixture.launcher.start({
    recorder,
    extraToolkits: [createEchoToolkit()],
    workerOptions: {
      runtimeWorkers: { enabled: true, allowedUrls: [worker.url] },
      adminApiKeys: [adminKey],
    },
    engineOptions: { mcp: { pageSize: 2 } },
  });
});

afterAll(async () => {
  await worker?.close();
});

const headers = () => ({ Authorization: `Bearer ${underTest.apiKey}`, 'Arcade-User-ID': 'alice' });

describe('the MCP tool list', () => {
  it('pages through every tool with nextCursor, and refuses a forged cursor', async () => {
    const { client } = await connectV1Client({
      url: `${underTest.url}/mcp`,
      headers: headers(),
      bodies: messages,
    });
    const first = await client.listTools();
    expect(first.tools.map(({ name }) => name)).toEqual(['Echo_Say', 'Inbox_ListMessages']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await client.listTools({ cursor: first.nextCursor });
    expect(second.tools.map(({ name }) => name)).toEqual(['Weather_Current']);
    expect(second.nextCursor).toBeUndefined();
    await expect(client.listTools({ cursor: 'forged' })).rejects.toMatchObject({ code: -32602 });
    await client.close();

    // The SDK v2 client walks the pages itself.
    const modern = await connectV2Client({
      url: `${underTest.url}/mcp`,
      era: 'modern',
      headers: headers(),
      bodies: messages,
    });
    expect((await modern.listTools()).tools.map(({ name }) => name)).toEqual([
      'Echo_Say',
      'Inbox_ListMessages',
      'Weather_Current',
    ]);
    await modern.close();
  });

  it('serves the subset named by ?toolkits= and ?tools=, and nothing outside it', async () => {
    const names = async (query: string) => {
      const client = await connectV2Client({
        url: `${underTest.url}/mcp?${query}`,
        era: 'legacy',
        headers: headers(),
        bodies: messages,
      });
      const listed: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.listTools(cursor === undefined ? {} : { cursor });
        listed.push(...page.tools.map(({ name }) => name));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      await client.close();
      return listed;
    };
    expect(await names('toolkits=Echo,weather')).toEqual(['Echo_Say', 'Weather_Current']);
    expect(await names('tools=Inbox.ListMessages')).toEqual(['Inbox_ListMessages']);
    expect(await names('toolkits=Echo&tools=Echo_Say,Inbox_ListMessages')).toEqual(['Echo_Say']);

    const narrow = await connectV2Client({
      url: `${underTest.url}/mcp?toolkits=Weather`,
      era: 'modern',
      headers: headers(),
      bodies: messages,
    });
    await expect(
      narrow.callTool({ name: 'Echo_Say', arguments: { text: 'outside' } }),
    ).rejects.toMatchObject({ code: -32602 });
    await narrow.close();
  });

  it('sends notifications/tools/list_changed to both eras when a worker brings new tools', async () => {
    const { client: legacy } = await connectV1Client({
      url: `${underTest.url}/mcp`,
      headers: headers(),
      bodies: messages,
    });
    const legacyChanged = new Promise<void>((resolve) =>
      legacy.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve()),
    );
    const modern = await connectV2Client({
      url: `${underTest.url}/mcp`,
      era: 'modern',
      headers: headers(),
      bodies: messages,
    });
    const modernChanged = new Promise<void>((resolve) =>
      modern.setNotificationHandler('notifications/tools/list_changed', () => resolve()),
    );
    const subscription = await modern.listen({ toolsListChanged: true });

    const registered = await fetch(`${underTest.url}/v1/workers`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'notes',
        http: { uri: worker.url, secret: workerSecret, timeout: 5, retry: 0 },
      }),
    });
    expect(registered.status).toBeLessThan(300);

    await Promise.all([legacyChanged, modernChanged]);
    const listed: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await legacy.listTools(cursor === undefined ? {} : { cursor });
      listed.push(...page.tools.map(({ name }) => name));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(listed).toContain('Notes_Say');
    const said = await legacy.callTool({ name: 'Notes_Say', arguments: { text: 'via mcp' } });
    expect(JSON.stringify(said.content)).toContain('via mcp');
    expect(worker.invocations).toHaveLength(1);

    await subscription.close();
    await modern.close();
    await legacy.close();
  });

  it('leaks no secret (the worker secret included) in any message or log line', async () => {
    await expectNoSecrets({
      underTest,
      recorder,
      messages,
      extraSecrets: [
        { label: 'worker secret', value: workerSecret },
        { label: 'admin key', value: adminKey },
      ],
    });
  });
});

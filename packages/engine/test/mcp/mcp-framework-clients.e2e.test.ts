import { createMCPClient } from '@ai-sdk/mcp';
import { MultiServerMCPClient } from '@langchain/mcp-adapters';
import { MCPClient } from '@mastra/mcp';
import { describe, expect, it } from 'vitest';
import { createRecorder, type EngineUnderTest } from '../e2e/engine-under-test.js';
import { useEngineWithProvider } from '../e2e/use-engine-with-provider.js';
import { expectNoSecrets } from './expect-no-secrets.js';
import { recordingFetch } from './mcp-clients.js';

// The frameworks' own MCP clients against the engine's /mcp, as their users configure them:
// Mastra's MCPClient answers URL elicitation through its `inputRequests` handler; the AI SDK's
// and LangChain's clients declare no URL elicitation, so by default they get the engine's
// clear error (which, having no URL elicitation, carries no link), and with the operator's
// text fallback a result that carries the link as text. Each completes consent at the
// testkit provider and then reads the inbox. Every body the clients received is scanned.

const recorder = createRecorder();
const fixture = useEngineWithProvider({ startEngine: false });
const messages: string[] = [];
const engines: Partial<Record<'strict' | 'fallback', EngineUnderTest>> = {};
const engine = async (kind: 'strict' | 'fallback') => {
  engines[kind] ??= await fixture.launcher.start({
    recorder,
    engineOptions: { mcp: { consentWaitSeconds: 5, textFallback: kind === 'fallback' } },
  });
  return engines[kind];
};
const identity = (underTest: EngineUnderTest, userId: string) => ({
  Authorization: `Bearer ${underTest.apiKey}`,
  'Arcade-User-ID': userId,
});
// The engine runs in dev mode, so whoever logs in at the provider (alice, its demo user)
// connects the account for the engine user the link was made for.
const consent = (url: string) =>
  fixture.provider.completeConsent({
    authorizationUrl: url,
    username: 'alice',
    password: 'alice-password',
  });
const engineLink = (underTest: EngineUnderTest) =>
  new RegExp(`${underTest.url.replaceAll('.', '\\.')}/v1/oauth/start/[0-9a-f-]+`);

describe('@mastra/mcp', () => {
  it('answers the URL elicitation in its inputRequests handler, which waits for the user; then the tool runs', async () => {
    const underTest = await engine('strict');
    const asked: { mode?: string; url?: string; message?: string }[] = [];
    const mastra = new MCPClient({
      id: 'toolgrant-mastra-test',
      servers: {
        engine: {
          url: new URL(`${underTest.url}/mcp`),
          fetch: (url, init) => {
            const headers = new Headers(init?.headers);
            for (const [name, value] of Object.entries(identity(underTest, 'alice'))) {
              headers.set(name, value);
            }
            return recordingFetch(messages)(url, { ...init, headers });
          },
          capabilities: { elicitation: { url: {} } },
          // The app shows the link; this user opens it and consents before answering accept.
          inputRequests: async ({ params }) => {
            asked.push(params as (typeof asked)[number]);
            if (params.mode === 'url') await consent(params.url);
            return { action: 'accept' };
          },
        },
      },
    });
    const tools = await mastra.listTools();
    const listInbox = tools.engine_Inbox_ListMessages;
    expect(listInbox).toBeDefined();
    const result = await listInbox?.execute?.({}, {} as never);
    expect(JSON.stringify(result)).toContain('messages');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ mode: 'url' });
    expect(asked[0]?.url).toMatch(engineLink(underTest));
    expect(asked[0]?.message).toContain('testkit');
    expect(asked[0]?.message).toContain('inbox.read');
    expect(underTest.credentialsSeen.size).toBeGreaterThan(0);
    await mastra.disconnect();
    await expectNoSecrets({ underTest, recorder, messages, userIds: ['alice'] });
  });
});

describe('@ai-sdk/mcp', () => {
  it('gets a clear error naming the provider and the missing capability, and nothing runs', async () => {
    const underTest = await engine('strict');
    const before = underTest.credentialsSeen.size;
    const client = await createMCPClient({
      transport: {
        type: 'http',
        url: `${underTest.url}/mcp`,
        headers: identity(underTest, 'bob'),
        fetch: recordingFetch(messages),
      },
    });
    const tools = await client.tools();
    const error = await Promise.resolve(
      tools.Inbox_ListMessages?.execute?.({}, { toolCallId: 'call-1', messages: [], context: {} }),
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(String(error)).toContain("needs the user's authorization at testkit");
    expect(String(error)).toContain('did not declare URL elicitation');
    expect(String(error)).not.toMatch(engineLink(underTest));
    expect(underTest.credentialsSeen.size).toBe(before);
    await client.close();
    await expectNoSecrets({ underTest, recorder, messages });
  });

  it('with the text fallback, reads the link as text; after consent the same call runs', async () => {
    const underTest = await engine('fallback');
    const client = await createMCPClient({
      transport: {
        type: 'http',
        url: `${underTest.url}/mcp`,
        headers: identity(underTest, 'carol'),
        fetch: recordingFetch(messages),
      },
    });
    const tools = await client.tools();
    const call = () =>
      tools.Inbox_ListMessages?.execute?.(
        {},
        { toolCallId: 'call-2', messages: [], context: {} },
      ) as Promise<{
        content: { type: string; text: string }[];
        isError?: boolean;
      }>;
    const first = await call();
    expect(first.isError).toBeFalsy();
    const link = first.content[0]?.text.match(engineLink(underTest))?.[0];
    expect(link).toBeDefined();
    await consent(link ?? '');
    const second = await call();
    expect(JSON.stringify(second.content)).toContain('messages');
    await client.close();
    await expectNoSecrets({ underTest, recorder, messages, userIds: ['carol'] });
  });
});

describe('@langchain/mcp-adapters', () => {
  const connect = (underTest: EngineUnderTest, userId: string) =>
    new MultiServerMCPClient({
      mcpServers: {
        engine: {
          url: `${underTest.url}/mcp`,
          headers: identity(underTest, userId),
          transport: 'http',
        },
      },
    });

  it('gets a ToolException that names the provider and says the tool did not run', async () => {
    const underTest = await engine('strict');
    const before = underTest.credentialsSeen.size;
    const client = connect(underTest, 'dave');
    const listInbox = (await client.getTools()).find((tool) => tool.name === 'Inbox_ListMessages');
    const error = await listInbox?.invoke({}).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toContain('ToolException');
    expect(String(error)).toContain("needs the user's authorization at testkit");
    expect(String(error)).toContain('The tool did not run');
    expect(String(error)).not.toMatch(engineLink(underTest));
    expect(underTest.credentialsSeen.size).toBe(before);
    await client.close();
    messages.push(String(error));
    await expectNoSecrets({ underTest, recorder, messages });
  });

  it('with the text fallback, returns the link as the tool output; after consent the tool runs', async () => {
    const underTest = await engine('fallback');
    const client = connect(underTest, 'erin');
    const listInbox = (await client.getTools()).find((tool) => tool.name === 'Inbox_ListMessages');
    const first = String(await listInbox?.invoke({}));
    const link = first.match(engineLink(underTest))?.[0];
    expect(link).toBeDefined();
    await consent(link ?? '');
    const second = String(await listInbox?.invoke({}));
    expect(second).toContain('messages');
    await client.close();
    messages.push(first, second);
    await expectNoSecrets({ underTest, recorder, messages, userIds: ['erin'] });
  });
});

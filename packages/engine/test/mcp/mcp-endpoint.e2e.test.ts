import { describe, expect, it } from 'vitest';
import { createRecorder } from '../e2e/engine-under-test.js';
import { useEngineWithProvider } from '../e2e/use-engine-with-provider.js';
import { expectNoSecrets } from './expect-no-secrets.js';
import { connectV2Client, type McpEra } from './mcp-clients.js';
import { createEchoToolkit, misconfiguredToolkit } from './mcp-test-toolkits.js';

// The MCP endpoint with the official SDK v2 client, both eras: the engine's tools listed under
// the adapters' names with core's JSON Schema, and a call of a tool that needs no consent.

describe.each<McpEra>(['modern', 'legacy'])('the MCP endpoint, %s era', (era) => {
  const runs: string[] = [];
  const recorder = createRecorder();
  const messages: string[] = [];
  const fixture = useEngineWithProvider({ startEngine: false });
  let started: Awaited<ReturnType<typeof fixture.launcher.start>> | undefined;
  const engine = async () => {
    started ??= await fixture.launcher.start({
      recorder,
      extraToolkits: [
        createEchoToolkit({ onRun: (text) => runs.push(text) }),
        misconfiguredToolkit,
      ],
    });
    return started;
  };
  /** A client for alice, on `path` (`/mcp`, or `/mcp/` as some configurations write it). */
  const connect = async (path = '/mcp') => {
    const underTest = await engine();
    return connectV2Client({
      url: `${underTest.url}${path}`,
      era,
      headers: { Authorization: `Bearer ${underTest.apiKey}`, 'Arcade-User-ID': 'alice' },
      bodies: messages,
    });
  };

  it('lists every tool under its model-facing name, with core JSON Schema', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'Echo_Say',
      'Inbox_ListMessages',
      'Orphan_Read',
      'Weather_Current',
    ]);
    const echo = tools.find((tool) => tool.name === 'Echo_Say');
    expect(echo).toMatchObject({
      description: 'Says the text back.',
      inputSchema: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { text: { type: 'string', description: 'What to say' } },
        required: ['text'],
      },
      outputSchema: { type: 'object', properties: { said: { type: 'string' } } },
      annotations: { readOnlyHint: true, openWorldHint: false },
    });
    await client.close();
  });

  it('runs a tool that needs no consent', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'Echo_Say', arguments: { text: `hi ${era}` } });
    expect(result).toMatchObject({
      content: [{ type: 'text', text: JSON.stringify({ said: `hi ${era}` }) }],
      structuredContent: { said: `hi ${era}` },
    });
    expect(result.isError).toBeFalsy();
    expect(runs).toContain(`hi ${era}`);
    await client.close();
  });

  it("answers an engine-side failure with an isError result that keeps the developer's message in the log", async () => {
    const client = await connect('/mcp/');
    const result = await client.callTool({ name: 'Orphan_Read', arguments: {} });
    expect(result.isError).toBe(true);
    const text = JSON.stringify(result.content);
    expect(text).toContain('The engine failed to run this tool');
    expect(text).not.toContain('nowhere');
    await client.close();
  });

  it('leaks no secret in any message or log line', async () => {
    await expectNoSecrets({ underTest: await engine(), recorder, messages });
  });
});

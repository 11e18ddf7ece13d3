// What the adapter costs: the ms to build LangChain tools for the whole Arcade catalog, and the
// per-call overhead of a tool's invoke against calling `client.tools.execute` directly, on the
// same engine in the same run (calls interleaved), beside core alone and LangChain's own tool
// machinery around a direct call, to show where time goes. Figures only; nothing asserts on time.
// Run with `pnpm --filter @toolgrant/langchain bench`.

import { tool } from '@langchain/core/tools';
import { loadTools, runTool, toModelOutput, toZodSchema } from '@toolgrant/core';
import { benchAgainstReference, benchCatalogBuild } from '@toolgrant/testkit/bench';
import { benchMcpAgainstSdk } from '@toolgrant/testkit/mcp';
import { toLangChainTools } from '../src/to-langchain-tools.js';
import { startEngineFixture } from '../test/engine-fixture.js';

const fixture = await startEngineFixture();
try {
  // 1. Building the collection.
  benchCatalogBuild({
    name: 'toLangChainTools',
    rounds: 30,
    build: (definitions) =>
      toLangChainTools({ client: fixture.client, definitions, userId: 'bench' }).length,
  });

  // 2. Per-call overhead against the official client on the same engine.
  const definitions = await loadTools({ client: fixture.client, tools: ['Inbox.CountWords'] });
  const [countWords] = toLangChainTools({ client: fixture.client, definitions, userId: 'bench' });
  if (!countWords) throw new Error('Inbox.CountWords did not load');
  const input = { text: 'one two three', times: 2 };
  const direct = () =>
    fixture.client.tools.execute({ tool_name: 'Inbox.CountWords', input, user_id: 'bench' });
  const adapter = () =>
    countWords.invoke({ name: countWords.name, args: input, id: 'bench-call', type: 'tool_call' });

  const [definition] = definitions;
  if (!definition) throw new Error('Inbox.CountWords did not load');
  // What LangChain's tool machinery costs by itself: a tool that calls execute directly.
  const plainTool = tool(() => direct(), { name: 'Plain', schema: toZodSchema(definition) });
  await benchAgainstReference({
    title: 'invoke, Inbox.CountWords over HTTP:',
    rounds: 1_000,
    warmup: 200,
    cases: {
      'client.tools.execute': direct,
      'core runTool + toModelOutput': async () =>
        toModelOutput({
          outcome: await runTool({ client: fixture.client, definition, input, userId: 'bench' }),
        }),
      'LangChain tool calling execute directly': () =>
        plainTool.invoke({ name: 'Plain', args: input, id: 'bench-call', type: 'tool_call' }),
      'Toolgrant LangChain tool.invoke': adapter,
    },
  });
} finally {
  await fixture.close();
}

// 3. An MCP tool (consent already given), each era: the tool's invoke against a bare SDK v2
// client's `callTool` on the same server.
await benchMcpAgainstSdk({
  label: 'Toolgrant LangChain tool.invoke',
  verb: 'invoke',
  build: ({ definitions, session }) => {
    const [readNotes] = toLangChainTools({ definitions, session });
    if (!readNotes) throw new Error('read_notes did not load');
    const call = { name: readNotes.name, args: { folder: 'home' }, id: 'bench-call' };
    return () => readNotes.invoke({ ...call, type: 'tool_call' });
  },
});

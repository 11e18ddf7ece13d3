// What the adapter costs: the ms to build LangChain tools for the whole Arcade catalog, and the
// per-call overhead of a tool's invoke against calling `client.tools.execute` directly, on the
// same engine in the same run (calls interleaved), beside core alone and LangChain's own tool
// machinery around a direct call, to show where time goes. Figures only; nothing asserts on time.
// Run with `pnpm --filter @toolgrant/langchain bench`.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tool } from '@langchain/core/tools';
import {
  loadTools,
  parseToolDefinition,
  runTool,
  type ToolDefinition,
  toModelOutput,
  toZodSchema,
} from '@toolgrant/core';
import { toLangChainTools } from '../src/to-langchain-tools.js';
import { startEngineFixture } from '../test/engine-fixture.js';

const catalogPath = fileURLToPath(
  new URL('../../../fixtures/arcade-catalog.json', import.meta.url),
);
const catalog = (JSON.parse(readFileSync(catalogPath, 'utf8')) as { items: unknown[] }).items;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const fixture = await startEngineFixture();
try {
  // 1. Building the collection. Fresh definitions each run, so core's schema cache never hits.
  const buildTimes: number[] = [];
  let toolCount = 0;
  for (let run = 0; run < 30; run += 1) {
    const definitions: ToolDefinition[] = structuredClone(catalog).map((item) =>
      parseToolDefinition(item),
    );
    const startedAt = performance.now();
    const tools = toLangChainTools({ client: fixture.client, definitions, userId: 'bench' });
    const elapsed = performance.now() - startedAt;
    if (run >= 5) buildTimes.push(elapsed);
    toolCount = tools.length;
  }
  console.log(
    `toLangChainTools, whole catalog (${toolCount} tools): median ${median(buildTimes).toFixed(2)} ms over ${buildTimes.length} runs`,
  );

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
  const cases: Record<string, () => Promise<unknown>> = {
    'client.tools.execute': direct,
    'core runTool + toModelOutput': async () =>
      toModelOutput({
        outcome: await runTool({ client: fixture.client, definition, input, userId: 'bench' }),
      }),
    'LangChain tool calling execute directly': () =>
      plainTool.invoke({ name: 'Plain', args: input, id: 'bench-call', type: 'tool_call' }),
    'Toolgrant LangChain tool.invoke': adapter,
  };
  const times = new Map<string, number[]>();
  // Interleaved, so the engine's and the machine's drift touches every case alike.
  for (let round = 0; round < 1_200; round += 1) {
    for (const [name, run] of Object.entries(cases)) {
      const startedAt = performance.now();
      await run();
      const elapsed = performance.now() - startedAt;
      if (round >= 200) times.set(name, [...(times.get(name) ?? []), elapsed]);
    }
  }
  const directMedian = median(times.get('client.tools.execute') ?? []);
  for (const [name, list] of times) {
    const value = median(list);
    console.log(
      `${name.padEnd(42)} median ${value.toFixed(3)} ms  ratio ${(value / directMedian).toFixed(3)}`,
    );
  }
} finally {
  await fixture.close();
}

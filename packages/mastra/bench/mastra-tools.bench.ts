// `pnpm bench`: the ms to build the Mastra tools for the whole catalog fixture, and the per-call
// overhead of a tool's execute (Mastra's input check included) against `client.tools.execute`
// on the same engine, in the same run.

import { readFileSync } from 'node:fs';
import { RequestContext } from '@mastra/core/request-context';
import { noopObserve } from '@mastra/core/tools';
import { parseToolDefinition } from '@toolgrant/core';
import { toMastraTools } from '../src/index.js';
import { startInboxEngine } from '../test/inbox-engine.js';

const catalogPath = new URL('../../../fixtures/arcade-catalog.json', import.meta.url);
const catalog = JSON.parse(readFileSync(catalogPath, 'utf8')) as { items: unknown[] };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

// Building: fresh definitions each round, so no per-definition cache is reused.
const buildTimes: number[] = [];
let toolCount = 0;
for (let round = 0; round < 20; round++) {
  const definitions = catalog.items.map((item) => parseToolDefinition(item));
  const started = performance.now();
  toolCount = Object.keys(toMastraTools({ client: {} as never, definitions })).length;
  buildTimes.push(performance.now() - started);
}
console.log(
  `toMastraTools, whole catalog (${toolCount} tools): median ${median(buildTimes).toFixed(2)} ms over ${buildTimes.length} runs`,
);

const inbox = await startInboxEngine();
try {
  const definitions = (await inbox.client.tools.list({ toolkit: 'Utility' })).items.map((item) =>
    parseToolDefinition(item),
  );
  const tools = toMastraTools({ client: inbox.client, definitions, userId: 'bench-user' });
  const repeat = tools.Utility_Repeat;
  if (!repeat?.execute) throw new Error('Utility_Repeat is missing');
  const execute = repeat.execute;
  const context = { requestContext: new RequestContext(), observe: noopObserve };
  const adapterCall = () => execute({ text: 'a', times: 2 }, context);
  const directCall = () =>
    inbox.client.tools.execute({
      tool_name: 'Utility.Repeat',
      tool_version: '1.0.0',
      input: { text: 'a', times: 2 },
      user_id: 'bench-user',
    });
  for (let warmup = 0; warmup < 100; warmup++) {
    await adapterCall();
    await directCall();
  }
  const adapter: number[] = [];
  const direct: number[] = [];
  // Interleaved, so that drift in the engine or the machine weighs on both alike.
  for (let call = 0; call < 1_000; call++) {
    let started = performance.now();
    await directCall();
    direct.push(performance.now() - started);
    started = performance.now();
    await adapterCall();
    adapter.push(performance.now() - started);
  }
  const ratio = median(adapter) / median(direct);
  console.log(
    `execute, Utility.Repeat over HTTP: adapter median ${median(adapter).toFixed(3)} ms, client.tools.execute median ${median(direct).toFixed(3)} ms, ratio ${ratio.toFixed(3)} (${((ratio - 1) * 100).toFixed(1)}% overhead)`,
  );
} finally {
  await inbox.close();
}

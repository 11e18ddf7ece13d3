// What the adapter costs: the ms to build OpenAI Agents SDK tools for the whole Arcade catalog,
// and the per-call overhead of a tool's invoke against calling `client.tools.execute` directly,
// on the same engine in the same run (calls interleaved), beside core alone and a bare SDK
// `tool()` calling execute, to show where time goes. Figures only; nothing asserts on time.
// Run with `pnpm --filter @toolgrant/openai-agents bench`.

import { RunContext, tool } from '@openai/agents';
import { loadTools, runTool, toModelOutput } from '@toolgrant/core';
import { startInboxEngine } from '@toolgrant/inbox-engine-fixture';
import { benchAgainstReference, benchCatalogBuild } from '@toolgrant/testkit/bench';
import { toOpenAIAgentsTools } from '../src/to-openai-agents-tools.js';
import { toToolParameters } from '../src/to-tool-parameters.js';

const inbox = await startInboxEngine();
try {
  // 1. Building the collection.
  benchCatalogBuild({
    name: 'toOpenAIAgentsTools',
    rounds: 30,
    build: (definitions) =>
      toOpenAIAgentsTools({ client: inbox.client, definitions, userId: 'bench' }).length,
  });

  // 2. Per-call overhead against the official client on the same engine.
  const definitions = await loadTools({ client: inbox.client, tools: ['Utility.Repeat'] });
  const [definition] = definitions;
  const [repeat] = toOpenAIAgentsTools({ client: inbox.client, definitions, userId: 'bench' });
  if (!definition || !repeat) throw new Error('Utility.Repeat did not load');
  const input = { text: 'hello', times: 2 };
  const argumentsText = JSON.stringify(input);
  const runContext = new RunContext({});
  const details = {
    toolCall: {
      type: 'function_call' as const,
      callId: 'bench-call',
      name: repeat.name,
      arguments: argumentsText,
    },
  };
  const direct = () =>
    inbox.client.tools.execute({ tool_name: 'Utility.Repeat', input, user_id: 'bench' });
  // What the SDK's tool machinery costs by itself: a tool that calls execute directly.
  const parameters = toToolParameters(definition);
  if (!parameters.strict) throw new Error('Utility.Repeat takes strict parameters');
  const plainTool = tool({
    name: 'Plain',
    description: 'Calls execute directly.',
    parameters: parameters.schema,
    strict: true,
    execute: async () => JSON.stringify(await direct()),
  });

  await benchAgainstReference({
    title: 'invoke, Utility.Repeat over HTTP:',
    rounds: 1_000,
    warmup: 200,
    cases: {
      'client.tools.execute': direct,
      'core runTool + toModelOutput': async () =>
        toModelOutput({
          outcome: await runTool({ client: inbox.client, definition, input, userId: 'bench' }),
        }),
      'SDK tool() calling execute directly': () =>
        plainTool.invoke(runContext, argumentsText, details),
      'Toolgrant tool: needsApproval + invoke': async () => {
        await repeat.needsApproval(runContext, input, 'bench-call');
        return repeat.invoke(runContext, argumentsText, details);
      },
    },
  });
} finally {
  await inbox.close();
}

// `pnpm bench`: the ms to build the Mastra tools for the whole catalog fixture, and the per-call
// overhead of a tool's execute (Mastra's input check included) against `client.tools.execute`
// on the same engine, in the same run.

import { RequestContext } from '@mastra/core/request-context';
import { noopObserve } from '@mastra/core/tools';
import { parseToolDefinition } from '@toolgrant/core';
import { startInboxEngine } from '@toolgrant/inbox-engine-fixture';
import { benchAgainstReference, benchCatalogBuild } from '@toolgrant/testkit/bench';
import { benchMcpAgainstSdk } from '@toolgrant/testkit/mcp';
import { toMastraTools } from '../src/index.js';

benchCatalogBuild({
  name: 'toMastraTools',
  build: (definitions) => Object.keys(toMastraTools({ client: {} as never, definitions })).length,
});

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
  await benchAgainstReference({
    title: 'execute, Utility.Repeat over HTTP:',
    cases: { 'client.tools.execute': directCall, 'Mastra tool execute': adapterCall },
  });
} finally {
  await inbox.close();
}

// An MCP tool (consent already given), each era: the tool's execute against a bare SDK v2
// client's `callTool` on the same server.
await benchMcpAgainstSdk({
  label: 'Mastra tool execute',
  verb: 'execute',
  build: ({ definitions, session }) => {
    const execute = toMastraTools({ definitions, session }).notes_read_notes?.execute;
    if (!execute) throw new Error('notes_read_notes is missing');
    const context = { requestContext: new RequestContext(), observe: noopObserve };
    return () => execute({ folder: 'home' }, context);
  },
});

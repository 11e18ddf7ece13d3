// `pnpm bench`: the ms to build the AI SDK tool set for the whole catalog fixture, and the
// per-call overhead of a tool's execute against `client.tools.execute` on the same engine, and
// of an MCP tool's against a bare MCP SDK client's `callTool` on the same server.

import { parseToolDefinition } from '@toolgrant/core';
import { benchAgainstReference, benchCatalogBuild } from '@toolgrant/testkit/bench';
import { benchMcpAgainstSdk } from '@toolgrant/testkit/mcp';
import { toAISDKTools } from '../src/index.js';
import { startInboxEngine } from '../test/inbox-engine.js';

benchCatalogBuild({
  name: 'toAISDKTools',
  build: (definitions) => Object.keys(toAISDKTools({ client: {} as never, definitions })).length,
});

const inbox = await startInboxEngine();
try {
  const definitions = (await inbox.client.tools.list({ toolkit: 'Inbox' })).items.map((item) =>
    parseToolDefinition(item),
  );
  const tools = toAISDKTools({ client: inbox.client, definitions, userId: 'bench-user' });
  const greet = tools.Inbox_Greet!;
  const adapterCall = () => greet.execute({ name: 'Ada' }, { toolCallId: 'bench' });
  const directCall = () =>
    inbox.client.tools.execute({
      tool_name: 'Inbox.Greet',
      tool_version: '1.0.0',
      input: { name: 'Ada' },
      user_id: 'bench-user',
    });
  await benchAgainstReference({
    title: 'execute, Inbox.Greet over HTTP:',
    cases: { 'client.tools.execute': directCall, 'AI SDK tool execute': adapterCall },
  });
} finally {
  await inbox.close();
}

// An MCP tool (consent already given), each era: the adapter's execute against a bare SDK v2
// client's `callTool` on the same server.
await benchMcpAgainstSdk({
  label: 'AI SDK tool execute',
  verb: 'execute',
  build: ({ definitions, session }) => {
    const readNotes = toAISDKTools({ definitions, session }).notes_read_notes!;
    return () => readNotes.execute({ folder: 'home' }, { toolCallId: 'bench' });
  },
});

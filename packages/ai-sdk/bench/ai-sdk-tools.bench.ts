// `pnpm bench`: the ms to build the AI SDK tool set for the whole catalog fixture, and the
// per-call overhead of a tool's execute against `client.tools.execute` on the same engine.

import { parseToolDefinition } from '@toolgrant/core';
import { benchAgainstReference, benchCatalogBuild } from '@toolgrant/testkit/bench';
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

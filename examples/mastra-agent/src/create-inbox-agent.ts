import { Agent } from '@mastra/core/agent';
import type { MastraModelConfig } from '@mastra/core/llm';
import { Mastra } from '@mastra/core/mastra';
import { LibSQLStore } from '@mastra/libsql';
import { Memory } from '@mastra/memory';
import type { ToolClient } from '@toolgrant/core';
import { createMastraTools } from '@toolgrant/mastra';

// The agent, registered in a Mastra instance whose storage (SQLite through libSQL) keeps the
// conversation and the snapshot of a suspended run until it is resumed.

export interface CreateInboxAgentOptions {
  /** The official Arcade client (or any ToolClient), pointed at the engine. */
  client: ToolClient;
  model: MastraModelConfig;
  /** Where Mastra keeps threads and suspended runs: `file:/path/to/mastra.db`. */
  storageUrl: string;
}

export async function createInboxAgent({ client, model, storageUrl }: CreateInboxAgentOptions) {
  const tools = await createMastraTools({
    client,
    toolkits: ['Inbox'],
    // No userId here: each call reads it from the request context, so one agent serves every user.
    // The chat waits for the approval before it resumes a run; resumed, a tool only confirms it.
    authorizationTimeoutMs: 5_000,
  });
  const inboxAgent = new Agent({
    id: 'inbox-agent',
    name: 'Inbox agent',
    instructions:
      "You help the user with their mail. Use the Inbox tools to read it; when a tool says the user must authorize first, tell them briefly and don't call it again until they have.",
    model,
    tools,
    memory: new Memory({ options: { lastMessages: 20 } }),
  });
  const mastra = new Mastra({
    agents: { inboxAgent },
    storage: new LibSQLStore({ id: 'mastra-agent-example', url: storageUrl }),
    logger: false,
  });
  return mastra.getAgent('inboxAgent');
}

export type InboxAgent = Awaited<ReturnType<typeof createInboxAgent>>;

import { createToolgrantSession, type LoadToolsOptions, type McpSource } from '@toolgrant/core';
import { loadToolDefinitions } from '@toolgrant/core/internal';
import { type MastraTool, type ToMastraToolsOptions, toMastraTools } from './to-mastra-tools.js';

/** Options of `createMastraTools`: which tools, and for which user. */
export interface CreateMastraToolsOptions
  extends Omit<ToMastraToolsOptions, 'definitions'>,
    Pick<LoadToolsOptions, 'toolkits' | 'tools' | 'limit' | 'signal'> {
  /**
   * MCP servers whose tools to add, beside the engine's or instead of them (then leave out
   * `client`). Each tool is named `<source name>_<tool>`; a consent request suspends the run.
   */
  mcpSources?: readonly McpSource[];
}

/**
 * Loads the tools from the engine (or the hosted Arcade Engine) as a record of Mastra tools. The
 * tool list and the users' authorizations are kept in `session` (a new one unless given).
 */
export async function createMastraTools({
  client,
  toolkits,
  tools,
  limit,
  signal,
  userId,
  mcpSources,
  session = createToolgrantSession(),
  ...options
}: CreateMastraToolsOptions): Promise<Record<string, MastraTool>> {
  const definitions = await loadToolDefinitions({
    client,
    mcpSources,
    createFunction: 'createMastraTools',
    session,
    toolkits,
    tools,
    limit,
    signal,
    userId,
  });
  return toMastraTools({ client, session, definitions, userId, ...options });
}

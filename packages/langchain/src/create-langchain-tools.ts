import { createToolgrantSession, type McpSource } from '@toolgrant/core';
import { loadToolDefinitions } from '@toolgrant/core/internal';
import {
  type LangChainTool,
  type ToLangChainToolsOptions,
  toLangChainTools,
} from './to-langchain-tools.js';

/** Options of `createLangChainTools`: which tools, and for which user. */
export interface CreateLangChainToolsOptions extends Omit<ToLangChainToolsOptions, 'definitions'> {
  /** Toolkits to load, for example `['Gmail']`; all tools the engine serves unless given. */
  toolkits?: readonly string[];
  /** Tools to load by qualified name, for example `['Gmail.ListEmails']`. */
  tools?: readonly string[];
  /** Page size of each `/v1/tools` request. */
  limit?: number;
  signal?: AbortSignal;
  /**
   * MCP servers whose tools to add, beside the engine's or instead of them (then leave out
   * `client`). Each tool is named `<source name>_<tool>`; a consent request pauses the run.
   */
  mcpSources?: readonly McpSource[];
}

/**
 * Loads definitions through core's `loadTools` and returns them as LangChain tools. The tool
 * list and the users' authorizations are kept in `session` (a new one unless given).
 */
export async function createLangChainTools({
  toolkits,
  tools,
  limit,
  signal,
  mcpSources,
  session = createToolgrantSession(),
  ...options
}: CreateLangChainToolsOptions): Promise<LangChainTool[]> {
  const { client, userId } = options;
  const definitions = await loadToolDefinitions({
    client,
    mcpSources,
    createFunction: 'createLangChainTools',
    session,
    toolkits,
    tools,
    userId,
    limit,
    signal,
  });
  return toLangChainTools({ ...options, session, definitions });
}

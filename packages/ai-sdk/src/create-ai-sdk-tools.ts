import { createToolgrantSession, type McpSource } from '@toolgrant/core';
import { loadToolDefinitions } from '@toolgrant/core/internal';
import { type ToAISDKToolsOptions, toAISDKTools } from './to-ai-sdk-tools.js';
import type { ToolgrantToolSet } from './toolgrant-tool.js';

/** Options of `createAISDKTools`: which tools, and for which user. */
export interface CreateAISDKToolsOptions extends Omit<ToAISDKToolsOptions, 'definitions'> {
  /** Toolkit names (`Gmail`): every tool of each. */
  toolkits?: readonly string[];
  /** Tool names (`Gmail.ListEmails`, or pinned: `Gmail.ListEmails@4.1.0`). */
  tools?: readonly string[];
  /** Page size of each `/v1/tools` request. */
  limit?: number;
  signal?: AbortSignal;
  /**
   * MCP servers whose tools to add, beside the engine's or instead of them (then leave out
   * `client`). Each tool is named `<source name>_<tool>`; see `authorizationApproval` for how a
   * consent request pauses the run.
   */
  mcpSources?: readonly McpSource[];
}

/**
 * Loads tool definitions from the engine and returns them as an AI SDK `ToolSet`. The tool list
 * and the users' authorizations are kept in `session` (a new one unless given).
 */
export async function createAISDKTools({
  client,
  toolkits,
  tools,
  limit,
  signal,
  userId,
  mcpSources,
  session = createToolgrantSession(),
  ...options
}: CreateAISDKToolsOptions): Promise<ToolgrantToolSet> {
  const definitions = await loadToolDefinitions({
    client,
    mcpSources,
    createFunction: 'createAISDKTools',
    session,
    toolkits,
    tools,
    limit,
    signal,
    userId,
  });
  return toAISDKTools({ client, session, definitions, userId, ...options });
}

import { createToolgrantSession, loadTools } from '@toolgrant/core';
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
  session = createToolgrantSession(),
  ...options
}: CreateLangChainToolsOptions): Promise<LangChainTool[]> {
  const { client, userId } = options;
  const definitions = await loadTools({ client, session, toolkits, tools, userId, limit, signal });
  return toLangChainTools({ ...options, session, definitions });
}

import { loadTools } from '@toolgrant/core';
import {
  type LangChainTool,
  type ToLangChainToolsOptions,
  toLangChainTools,
} from './to-langchain-tools.js';

export interface CreateLangChainToolsOptions extends Omit<ToLangChainToolsOptions, 'definitions'> {
  /** Toolkits to load, for example `['Gmail']`; all tools the engine serves unless given. */
  toolkits?: readonly string[];
  /** Tools to load by qualified name, for example `['Gmail.ListEmails']`. */
  tools?: readonly string[];
  /** Page size of each `/v1/tools` request. */
  limit?: number;
  signal?: AbortSignal;
}

/** Loads definitions through core's `loadTools` and returns them as LangChain tools. */
export async function createLangChainTools({
  toolkits,
  tools,
  limit,
  signal,
  ...options
}: CreateLangChainToolsOptions): Promise<LangChainTool[]> {
  const { client, userId } = options;
  const definitions = await loadTools({ client, toolkits, tools, userId, limit, signal });
  return toLangChainTools({ ...options, definitions });
}

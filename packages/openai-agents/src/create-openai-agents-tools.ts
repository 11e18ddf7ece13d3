import { createToolgrantSession, type LoadToolsOptions, loadTools } from '@toolgrant/core';
import {
  type OpenAIAgentsTool,
  type ToOpenAIAgentsToolsOptions,
  toOpenAIAgentsTools,
} from './to-openai-agents-tools.js';

/** Options of `createOpenAIAgentsTools`: which tools, and for which user. */
export interface CreateOpenAIAgentsToolsOptions
  extends Omit<ToOpenAIAgentsToolsOptions, 'definitions'>,
    Pick<LoadToolsOptions, 'toolkits' | 'tools' | 'limit' | 'signal'> {}

/**
 * Loads the tools from the engine (or the hosted Arcade Engine) as OpenAI Agents SDK tools. The
 * tool list and the users' authorizations are kept in `session` (a new one unless given).
 */
export async function createOpenAIAgentsTools<TContext = unknown>({
  client,
  toolkits,
  tools,
  limit,
  signal,
  userId,
  session = createToolgrantSession(),
  ...options
}: CreateOpenAIAgentsToolsOptions): Promise<OpenAIAgentsTool<TContext>[]> {
  const definitions = await loadTools({ client, session, toolkits, tools, limit, signal, userId });
  return toOpenAIAgentsTools<TContext>({ client, session, definitions, userId, ...options });
}

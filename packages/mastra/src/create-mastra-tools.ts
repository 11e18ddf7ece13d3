import { createToolgrantSession, type LoadToolsOptions, loadTools } from '@toolgrant/core';
import { type MastraTool, type ToMastraToolsOptions, toMastraTools } from './to-mastra-tools.js';

/** Options of `createMastraTools`: which tools, and for which user. */
export interface CreateMastraToolsOptions
  extends Omit<ToMastraToolsOptions, 'definitions'>,
    Pick<LoadToolsOptions, 'toolkits' | 'tools' | 'limit' | 'signal'> {}

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
  session = createToolgrantSession(),
  ...options
}: CreateMastraToolsOptions): Promise<Record<string, MastraTool>> {
  const definitions = await loadTools({ client, session, toolkits, tools, limit, signal, userId });
  return toMastraTools({ client, session, definitions, userId, ...options });
}

import { forgetAuthorized, rememberAuthorized } from './authorization-status-cache.js';
import { statusOf, toDeveloperError } from './client-error.js';
import { parseToolDefinition } from './parse-tool-definition.js';
import type { ToolClient, ToolClientPage } from './tool-client.js';
import type { ToolDefinition } from './tool-definition.js';
import { ToolNotFoundError } from './tool-not-found-error.js';
import { UnexpectedResponseError } from './unexpected-response-error.js';

// Loads tool definitions from `/v1/tools`, validated, without duplicates, and cached per client
// until `invalidateTools`. With a `userId`, the engine reports each tool's token status for that
// user; it is recorded so that `runTool` can execute an authorized tool in a single request.

export interface LoadToolsOptions {
  client: ToolClient;
  /** Toolkit names (`Gmail`); every tool of each. */
  toolkits?: readonly string[];
  /** Tool names, `Gmail.ListEmails` or pinned to a version, `Gmail.ListEmails@4.1.0`. */
  tools?: readonly string[];
  /** The end user the tools act for: the engine then reports which tools they authorized. */
  userId?: string;
  /** Page size of each `/v1/tools` request. */
  limit?: number;
  signal?: AbortSignal;
}

interface CacheEntry {
  userId: string | undefined;
  definitions: Promise<readonly ToolDefinition[]>;
}

interface ClientCache {
  entries: Map<string, CacheEntry>;
  /** Bumped by `invalidateTools`, so a load that started before does not store stale tools. */
  generation: number;
}

const cacheByClient = new WeakMap<ToolClient, ClientCache>();

export async function loadTools({
  client,
  toolkits = [],
  tools = [],
  userId,
  limit = 100,
  signal,
}: LoadToolsOptions): Promise<ToolDefinition[]> {
  const toolkitNames = [...new Map(toolkits.map((name) => [name.toLowerCase(), name])).values()];
  const toolNames = [...new Set(tools)];
  const key = JSON.stringify({
    toolkits: toolkitNames.map((name) => name.toLowerCase()).sort(),
    tools: [...toolNames].sort(),
    userId,
    limit,
  });
  let cache = cacheByClient.get(client);
  if (!cache) {
    cache = { entries: new Map(), generation: 0 };
    cacheByClient.set(client, cache);
  }
  const cached = cache.entries.get(key);
  if (cached) return [...(await cached.definitions)];

  const generation = cache.generation;
  const everything = toolkitNames.length === 0 && toolNames.length === 0;
  const loading = Promise.all([
    ...(everything ? [undefined] : toolkitNames).map((toolkit) =>
      listToolkit({ client, toolkit, userId, limit, signal }),
    ),
    ...toolNames.map(async (name) => [await getTool({ client, name, userId, signal })]),
  ]).then((loaded) => {
    const definitions = [
      ...new Map(
        loaded.flat().map((definition) => [definition.fully_qualified_name, definition]),
      ).values(),
    ];
    if (userId !== undefined && cache.generation === generation) {
      recordTokenStatuses({ client, userId, definitions });
    }
    return definitions;
  });

  // Callers without a signal share a load in flight; one with a signal loads on its own, so
  // that aborting it cancels only its own requests.
  const entry: CacheEntry = { userId, definitions: loading };
  if (signal === undefined) cache.entries.set(key, entry);
  try {
    const definitions = await loading;
    if (cache.generation === generation) cache.entries.set(key, entry);
    return [...definitions];
  } catch (error) {
    if (cache.entries.get(key) === entry) cache.entries.delete(key);
    throw error;
  }
}

/** Forget loaded tools and known authorizations of a client, for one user or for all. */
export function invalidateTools({ client, userId }: { client: ToolClient; userId?: string }): void {
  const cache = cacheByClient.get(client);
  if (cache) {
    cache.generation++;
    for (const [key, entry] of cache.entries) {
      if (userId === undefined || entry.userId === userId) cache.entries.delete(key);
    }
  }
  forgetAuthorized({ client, userId });
}

function recordTokenStatuses({
  client,
  userId,
  definitions,
}: {
  client: ToolClient;
  userId: string;
  definitions: readonly ToolDefinition[];
}) {
  for (const definition of definitions) {
    const authorization = definition.requirements?.authorization;
    if (!authorization) continue;
    const toolName = definition.fully_qualified_name;
    const status = authorization.token_status;
    if (status === 'completed') rememberAuthorized({ client, userId, toolName });
    else if (status) forgetAuthorized({ client, userId, toolName });
  }
}

async function listToolkit({
  client,
  toolkit,
  userId,
  limit,
  signal,
}: {
  client: ToolClient;
  toolkit: string | undefined;
  userId: string | undefined;
  limit: number;
  signal: AbortSignal | undefined;
}): Promise<ToolDefinition[]> {
  const operation =
    toolkit === undefined ? 'Listing tools' : `Listing the tools of toolkit '${toolkit}'`;
  const listPage = async (offset: number) => {
    let page: ToolClientPage;
    try {
      page = await client.tools.list(
        {
          ...(toolkit === undefined ? {} : { toolkit }),
          ...(userId === undefined ? {} : { user_id: userId }),
          limit,
          offset,
        },
        { signal },
      );
    } catch (error) {
      throw toDeveloperError({ error, operation, signal });
    }
    if (!Array.isArray(page?.items)) {
      throw new UnexpectedResponseError({ operation, problem: 'the page has no items array' });
    }
    return page;
  };

  const first = await listPage(0);
  const total = first.total_count ?? first.items.length;
  // The engine may serve fewer items per page than asked for; step by what it served.
  const step = first.items.length;
  const offsets: number[] = [];
  if (step > 0) for (let offset = step; offset < total; offset += step) offsets.push(offset);
  const rest = await Promise.all(offsets.map(listPage));

  return [first, ...rest].flatMap((page) => page.items.map((item) => parseToolDefinition(item)));
}

async function getTool({
  client,
  name,
  userId,
  signal,
}: {
  client: ToolClient;
  name: string;
  userId: string | undefined;
  signal: AbortSignal | undefined;
}): Promise<ToolDefinition> {
  const [qualifiedName = name, version] = name.split('@');
  const operation = `Loading tool '${name}'`;
  let response: unknown;
  try {
    response = await client.tools.get(
      qualifiedName,
      userId === undefined ? {} : { user_id: userId },
      { signal },
    );
  } catch (error) {
    if (statusOf(error) === 404 && !signal?.aborted) {
      throw new ToolNotFoundError({ toolName: name, cause: error });
    }
    throw toDeveloperError({ error, operation, signal });
  }
  const definition = parseToolDefinition(response);
  const servedVersion = definition.toolkit.version ?? undefined;
  if (version !== undefined && servedVersion !== version) {
    throw new ToolNotFoundError({ toolName: name, servedVersion: servedVersion ?? 'unversioned' });
  }
  return definition;
}

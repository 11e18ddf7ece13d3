import { statusOf, toDeveloperError } from './client-error.js';
import { parseToolDefinition } from './parse-tool-definition.js';
import type { ToolClient, ToolClientPage } from './tool-client.js';
import type { ToolDefinition } from './tool-definition.js';
import type { ToolListEntry } from './tool-list-cache.js';
import { ToolNotFoundError } from './tool-not-found-error.js';
import { createToolgrantSession, type ToolgrantSession } from './toolgrant-session.js';
import { UnexpectedResponseError } from './unexpected-response-error.js';

// Loads tool definitions from `/v1/tools`, validated, without duplicates, and cached in the
// session until `session.clear`. With a `userId`, the engine reports each tool's token status
// for that user; it is recorded in the session so that `runTool` can execute an authorized tool
// in a single request.

/** Options of `loadTools`: which tools, and for which user. */
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
  /** Where loaded lists and token statuses are kept; without one, nothing is remembered. */
  session?: ToolgrantSession;
}

/**
 * Loads and checks tool definitions from the engine's `/v1/tools`, all pages, without duplicates.
 */
export async function loadTools({
  client,
  session = createToolgrantSession(),
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
  const cache = session.toolLists;
  const cached = cache.get(client, key);
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
      recordTokenStatuses({ session, client, userId, definitions });
    }
    return definitions;
  });

  // Callers without a signal share a load in flight; one with a signal loads on its own, so
  // that aborting it cancels only its own requests.
  const entry: ToolListEntry = { userId, definitions: loading };
  if (signal === undefined) cache.set(client, key, entry);
  try {
    const definitions = await loading;
    if (cache.generation === generation) cache.set(client, key, entry);
    return [...definitions];
  } catch (error) {
    cache.delete(client, key, entry);
    throw error;
  }
}

function recordTokenStatuses({
  session,
  client,
  userId,
  definitions,
}: {
  session: ToolgrantSession;
  client: ToolClient;
  userId: string;
  definitions: readonly ToolDefinition[];
}) {
  for (const definition of definitions) {
    const authorization = definition.requirements?.authorization;
    if (!authorization) continue;
    const toolName = definition.fully_qualified_name;
    const status = authorization.token_status;
    const key = { client, userId, toolName };
    if (status === 'completed') session.authorizations.rememberAuthorized(key);
    else if (status) session.authorizations.forgetAuthorized(key);
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
      throw toDeveloperError({ client, error, operation, signal });
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
    throw toDeveloperError({ client, error, operation, signal });
  }
  const definition = parseToolDefinition(response);
  const servedVersion = definition.toolkit.version ?? undefined;
  if (version !== undefined && servedVersion !== version) {
    throw new ToolNotFoundError({ toolName: name, servedVersion: servedVersion ?? 'unversioned' });
  }
  return definition;
}

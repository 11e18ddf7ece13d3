import type { ToolClient } from './tool-client.js';

// Which tools a user is known to have authorized, per client. Filled by `loadTools({ userId })`
// (the engine's `token_status`) and by successful runs; emptied when the engine refuses a run.
// A definition's own `token_status` is never trusted: definitions are shared between users.
// It lives in a `ToolgrantSession`; nothing here is module-level.

/** One user's standing with one tool, as a key into the cache. */
export interface AuthorizationStatusKey {
  client: ToolClient;
  userId: string;
  /** The fully qualified name, `Gmail.ListEmails@4.1.0`. */
  toolName: string;
}

/** Which users are known to have authorized which tools, per client. */
export interface AuthorizationStatusCache {
  isKnownAuthorized(key: AuthorizationStatusKey): boolean;
  rememberAuthorized(key: AuthorizationStatusKey): void;
  /** Forget one tool of one user, every tool of one user, one tool of every user, or everything of a client. */
  forgetAuthorized(key: { client: ToolClient; userId?: string; toolName?: string }): void;
  /** Forget everything, of every client. */
  clear(): void;
}

/** Creates an empty cache of which tools each user is known to have authorized, per client. */
export function createAuthorizationStatusCache(): AuthorizationStatusCache {
  let statusesByClient = new WeakMap<ToolClient, Map<string, Set<string>>>();

  const toolsOf = (client: ToolClient, userId: string, create: boolean) => {
    let byUser = statusesByClient.get(client);
    if (!byUser) {
      if (!create) return undefined;
      byUser = new Map();
      statusesByClient.set(client, byUser);
    }
    let tools = byUser.get(userId);
    if (!tools && create) {
      tools = new Set();
      byUser.set(userId, tools);
    }
    return tools;
  };

  return {
    isKnownAuthorized: ({ client, userId, toolName }) =>
      toolsOf(client, userId, false)?.has(toolName) ?? false,
    rememberAuthorized: ({ client, userId, toolName }) => {
      toolsOf(client, userId, true)?.add(toolName);
    },
    forgetAuthorized: ({ client, userId, toolName }) => {
      const byUser = statusesByClient.get(client);
      if (!byUser) return;
      if (userId === undefined) {
        if (toolName === undefined) byUser.clear();
        else for (const tools of byUser.values()) tools.delete(toolName);
        return;
      }
      if (toolName === undefined) byUser.delete(userId);
      else byUser.get(userId)?.delete(toolName);
    },
    clear: () => {
      statusesByClient = new WeakMap();
    },
  };
}

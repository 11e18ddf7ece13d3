import {
  type AuthorizationStatusCache,
  createAuthorizationStatusCache,
} from './authorization-status-cache.js';
import { createMcpSourceCache, type McpSourceCache } from './mcp-source-cache.js';
import type { ToolClient } from './tool-client.js';
import { createToolListCache, type ToolListCache } from './tool-list-cache.js';

// Everything Toolgrant remembers between calls, in one object the caller holds: which users
// are known to have authorized which tools (so that an authorized call is one request), and the
// tool lists already loaded. Core keeps no state of its own; `loadTools`, `runTool` and
// `authorizeTool` remember only into the session they are given. The session is read through
// its properties, never a private field or symbol, so that two copies of core share one.

/**
 * What Toolgrant remembers between calls. Safe to share between users and requests (every entry
 * is keyed by client and user): one per server process gives the fewest requests. Entries stay
 * until `clear`; nothing expires on its own, and the engine is asked again whenever it refuses
 * a call.
 */
export interface ToolgrantSession {
  /** Which users are known to have authorized which tools, per client. */
  readonly authorizations: AuthorizationStatusCache;
  /** The tool lists `loadTools` loaded, per client, filters and user. */
  readonly toolLists: ToolListCache;
  /** MCP sources: their open connections and tool lists, and calls paused for consent. */
  readonly mcp: McpSourceCache;
  /**
   * Forget loaded tools and known authorizations: of one client (for one user, or all), or,
   * without a scope, everything (MCP sources' tool lists too; their connections stay open until
   * `mcp.close()`). Call it when tools change at the engine, or a user signs out.
   */
  clear(scope?: { client: ToolClient; userId?: string }): void;
}

/** A new, empty session: what Toolgrant remembers between calls. */
export function createToolgrantSession(): ToolgrantSession {
  const authorizations = createAuthorizationStatusCache();
  const toolLists = createToolListCache();
  const mcp = createMcpSourceCache();
  return {
    authorizations,
    toolLists,
    mcp,
    clear: (scope) => {
      toolLists.clear(scope);
      if (scope === undefined) {
        authorizations.clear();
        mcp.forgetToolLists();
      } else authorizations.forgetAuthorized(scope);
    },
  };
}

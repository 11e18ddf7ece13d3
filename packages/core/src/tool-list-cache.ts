import type { ToolClient } from './tool-client.js';
import type { ToolDefinition } from './tool-definition.js';

// The tool lists `loadTools` loaded, per client and per request (filters, user, page size).
// It lives in a `ToolgrantSession`; nothing here is module-level.

/** One load: the user it was for, and its definitions (in flight or done). */
export interface ToolListEntry {
  userId: string | undefined;
  definitions: Promise<readonly ToolDefinition[]>;
}

/** The tool lists `loadTools` loaded, until cleared. */
export interface ToolListCache {
  /** Changes on every `clear`, so that a load that started before does not store stale tools. */
  readonly generation: number;
  get(client: ToolClient, key: string): ToolListEntry | undefined;
  set(client: ToolClient, key: string, entry: ToolListEntry): void;
  /** Removes the entry under `key`, if it is still `entry`. */
  delete(client: ToolClient, key: string, entry: ToolListEntry): void;
  /** Forget the lists of one client (of one user, or of all), or of every client. */
  clear(scope?: { client: ToolClient; userId?: string | undefined }): void;
}

/** Creates an empty cache of the tool lists `loadTools` loaded, per client and per request. */
export function createToolListCache(): ToolListCache {
  let entriesByClient = new WeakMap<ToolClient, Map<string, ToolListEntry>>();
  let generation = 0;

  return {
    get generation() {
      return generation;
    },
    get: (client, key) => entriesByClient.get(client)?.get(key),
    set: (client, key, entry) => {
      let entries = entriesByClient.get(client);
      if (!entries) {
        entries = new Map();
        entriesByClient.set(client, entries);
      }
      entries.set(key, entry);
    },
    delete: (client, key, entry) => {
      const entries = entriesByClient.get(client);
      if (entries?.get(key) === entry) entries.delete(key);
    },
    clear: (scope) => {
      generation++;
      if (scope === undefined) {
        entriesByClient = new WeakMap();
        return;
      }
      const entries = entriesByClient.get(scope.client);
      if (!entries) return;
      for (const [key, entry] of entries) {
        if (scope.userId === undefined || entry.userId === scope.userId) entries.delete(key);
      }
    },
  };
}

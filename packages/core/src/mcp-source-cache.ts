import { connectMcpSource, type McpConnection } from './connect-mcp-source.js';
import type { McpSource } from './mcp-source.js';
import type { McpToolDefinition } from './mcp-tool-definition.js';
import type { RunOutcome } from './run-outcome.js';
import { compileMcpInputValidator, type McpInputValidator } from './validate-mcp-tool-input.js';

// What a `ToolgrantSession` remembers of MCP sources: per source (by identity), its open
// connection and its tool list; and, by call id, what a call's first request answered, so that
// a framework that re-runs a tool from the top when it resumes (LangGraph), or that decides on
// an approval before it executes (the AI SDK), continues the call instead of calling the server
// a second time. Nothing here is module-level.

/**
 * What a call's first request to the server answered, kept for the step that continues it: the
 * consent request a paused call waits on, or (AI SDK approvals) the outcome of a call that
 * needed no consent, so that the tool's execution does not call the server a second time.
 */
export interface PendingMcpCall {
  outcome: RunOutcome;
}

/** What a session remembers of MCP sources: connections, tool lists, paused calls. */
export interface McpSourceCache {
  /** The source's open connection; connects on first use and after the last one closed. */
  connect(
    source: McpSource,
    options?: { signal?: AbortSignal | undefined },
  ): Promise<McpConnection>;
  /** The open (or opening) connection of the source of this name, if any. */
  connectionOf(sourceName: string): Promise<McpConnection | undefined>;
  /** Forgets a connection that failed, so the next call reconnects. */
  drop(source: McpSource, connection: McpConnection): void;
  /** The source's listed tools, loaded once by `load`. */
  tools(
    source: McpSource,
    load: () => Promise<readonly McpToolDefinition[]>,
  ): Promise<readonly McpToolDefinition[]>;
  /** The argument checker of a tool, compiled once. */
  validator(definition: McpToolDefinition): McpInputValidator;
  /** Remembers what a call's first request answered, by the framework's call id. */
  rememberPending(callId: string, pending: PendingMcpCall): void;
  /** What a call's first request answered, taken once. */
  takePending(callId: string): PendingMcpCall | undefined;
  /** What a call's first request answered, left in place. */
  peekPending(callId: string): PendingMcpCall | undefined;
  /** Forgets every source's tool list (connections stay open); the next load lists again. */
  forgetToolLists(): void;
  /** Closes every connection (or one source's) and forgets its tool list. */
  close(source?: McpSource): Promise<void>;
}

// Calls that paused and were never resumed leave an entry; the oldest go past this many.
const maxPending = 1_000;

/** A new, empty cache of MCP connections, tool lists and paused calls. */
export function createMcpSourceCache(): McpSourceCache {
  const connections = new Map<McpSource, Promise<McpConnection>>();
  const toolLists = new Map<McpSource, Promise<readonly McpToolDefinition[]>>();
  const pending = new Map<string, PendingMcpCall>();
  const validators = new WeakMap<McpToolDefinition, McpInputValidator>();

  const forget = (source: McpSource, connection: Promise<McpConnection>) => {
    if (connections.get(source) === connection) connections.delete(source);
  };

  return {
    connect: (source, { signal } = {}) => {
      const existing = connections.get(source);
      if (existing) return existing;
      const connection = connectMcpSource({ source, signal });
      connections.set(source, connection);
      connection.then(
        (open) => open.closed.then(() => forget(source, connection)),
        () => forget(source, connection),
      );
      return connection;
    },
    connectionOf: async (sourceName) => {
      for (const [source, connection] of connections) {
        if (source.name === sourceName) return connection.catch(() => undefined);
      }
      return undefined;
    },
    drop: (source, connection) => {
      const current = connections.get(source);
      if (!current) return;
      void current.then((open) => {
        if (open === connection) {
          forget(source, current);
          void open.client.close().catch(() => {});
        }
      });
    },
    tools: (source, load) => {
      const existing = toolLists.get(source);
      if (existing) return existing;
      const list = load();
      toolLists.set(source, list);
      list.catch(() => {
        if (toolLists.get(source) === list) toolLists.delete(source);
      });
      return list;
    },
    validator: (definition) => {
      let validator = validators.get(definition);
      if (!validator) {
        validator = compileMcpInputValidator(definition);
        validators.set(definition, validator);
      }
      return validator;
    },
    rememberPending: (callId, entry) => {
      pending.delete(callId);
      pending.set(callId, entry);
      if (pending.size > maxPending) {
        const oldest = pending.keys().next().value;
        if (oldest !== undefined) pending.delete(oldest);
      }
    },
    takePending: (callId) => {
      const entry = pending.get(callId);
      pending.delete(callId);
      return entry;
    },
    peekPending: (callId) => pending.get(callId),
    forgetToolLists: () => toolLists.clear(),
    close: async (source) => {
      const closing = source === undefined ? [...connections.entries()] : [];
      if (source !== undefined) {
        const connection = connections.get(source);
        if (connection) closing.push([source, connection]);
      }
      for (const [key] of closing) {
        connections.delete(key);
        toolLists.delete(key);
      }
      if (source === undefined) toolLists.clear();
      await Promise.allSettled(
        closing.map(async ([, connection]) => (await connection).client.close()),
      );
    },
  };
}

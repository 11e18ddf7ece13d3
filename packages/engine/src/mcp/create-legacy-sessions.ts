import { randomUUID } from 'node:crypto';
import {
  type Server,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import type { EngineLogger } from '../shared/engine-logger.js';
import type { CredentialResolver } from '../tools/credential-resolver.js';
import type { McpServerScope } from './create-mcp-server.js';
import { mcpErrorResponse } from './mcp-error-response.js';
import { isSameIdentity, type McpIdentity } from './mcp-identity.js';
import type { McpToolSelection } from './mcp-tool-selection.js';

// 2025-11-25 clients, with sessions: one server and transport per session, in this process,
// held by the endpoint until the client deletes the session, it idles out or the engine closes.
// A session stays with the identity that opened it. When a call was answered with `-32042`,
// the session watches the flow with the wake-up `/v1/auth/status` uses (PostgreSQL
// LISTEN/NOTIFY across processes), and sends `notifications/elicitation/complete` when it
// completes, wherever the callback landed.

/** The 2025-11-25 sessions of one endpoint. */
export interface LegacySessions {
  handle(
    request: Request,
    scope: { identity: McpIdentity; selection: McpToolSelection },
    /** The request's JSON body when the endpoint has read it already. */
    body?: { parsedBody?: unknown },
  ): Promise<Response>;
  /** Every open session's server, to tell them the tool list changed. */
  servers(): Server[];
  close(): Promise<void>;
}

/** Sessions idle this long are closed when a new one opens. */
const idleMs = 60 * 60 * 1000;
/** Arcade's limit on a status long-poll: the watch asks again after it. */
const watchWaitSeconds = 59;

type Session = {
  server: Server;
  transport: WebStandardStreamableHTTPServerTransport;
  identity: McpIdentity;
  lastSeen: number;
  watched: Set<string>;
  closed: AbortController;
};

/** Sessions for 2025-era clients, created with the endpoint's server factory. */
export function createLegacySessions({
  createServer,
  credentials,
  logger,
  maxBodyBytes,
  maxSessions = 10_000,
}: {
  createServer: (scope: McpServerScope) => Server;
  credentials: CredentialResolver;
  logger: EngineLogger;
  maxBodyBytes: number;
  maxSessions?: number;
}): LegacySessions {
  const sessions = new Map<string, Session>();

  async function watchFlow(session: Session, flowId: string): Promise<void> {
    if (session.watched.has(flowId)) return;
    session.watched.add(flowId);
    try {
      for (;;) {
        const status = await credentials.getStatus({
          id: flowId,
          waitSeconds: watchWaitSeconds,
          signal: session.closed.signal,
        });
        if (session.closed.signal.aborted || status.status === 'failed') return;
        if (status.status === 'completed') {
          await session.server.createElicitationCompletionNotifier(flowId)();
          return;
        }
      }
    } catch (error) {
      if (!session.closed.signal.aborted) {
        logger.warn('Watching an MCP elicitation failed', {
          error: error instanceof Error ? error.name : 'unknown',
        });
      }
    } finally {
      session.watched.delete(flowId);
    }
  }

  async function closeSession(id: string): Promise<void> {
    const session = sessions.get(id);
    if (session === undefined) return;
    sessions.delete(id);
    session.closed.abort();
    await session.server.close().catch(() => {});
  }

  async function open(
    request: Request,
    { identity, selection }: { identity: McpIdentity; selection: McpToolSelection },
    body: { parsedBody?: unknown },
  ): Promise<Response> {
    const now = Date.now();
    for (const [id, session] of sessions) {
      if (now - session.lastSeen > idleMs) await closeSession(id);
    }
    if (sessions.size >= maxSessions) {
      return mcpErrorResponse({
        status: 503,
        message: 'Too many open MCP sessions on this engine process; try again later.',
      });
    }
    const closed = new AbortController();
    const session = { identity, lastSeen: now, watched: new Set<string>(), closed } as Session;
    session.transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, session);
      },
      onsessionclosed: (id) => closeSession(id),
      maxRequestBodySize: maxBodyBytes,
    });
    session.server = createServer({
      era: 'legacy',
      identity,
      selection,
      watchFlow: (flowId) => void watchFlow(session, flowId),
    });
    await session.server.connect(session.transport);
    const response = await session.transport.handleRequest(request, body);
    // Not an initialize that opened a session: nothing to keep.
    if (session.transport.sessionId === undefined) await session.server.close();
    return response;
  }

  return {
    async handle(request, scope, body = {}) {
      const id = request.headers.get('mcp-session-id');
      if (id === null) return open(request, scope, body);
      const session = sessions.get(id);
      if (session === undefined) {
        return mcpErrorResponse({
          status: 404,
          message:
            'Session not found: it ended or belongs to another engine process. Initialize a new session.',
        });
      }
      if (!isSameIdentity(session.identity, scope.identity)) {
        return mcpErrorResponse({
          status: 403,
          message:
            'This MCP session was opened for another user or credential. Initialize a session of your own.',
        });
      }
      session.lastSeen = Date.now();
      return session.transport.handleRequest(request, body);
    },
    servers: () => [...sessions.values()].map(({ server }) => server),
    async close() {
      await Promise.all([...sessions.keys()].map(closeSession));
    },
  };
}

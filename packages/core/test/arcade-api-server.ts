// A small, real HTTP server that answers the Arcade v1 routes core uses, the way the Arcade
// API does: offset pagination, the `{ name, message }` error envelope, 403 for a tool the user
// has not authorized, and a long-poll `/v1/auth/status` that wakes when a test completes the
// flow. Tests drive it through the official `@arcadeai/arcadejs` client.

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ToolDefinition } from '../src/tool-definition.js';

export type RouteName =
  | 'GET /v1/tools'
  | 'GET /v1/tools/{name}'
  | 'POST /v1/tools/authorize'
  | 'POST /v1/tools/execute'
  | 'GET /v1/auth/status';

export interface RecordedRequest {
  route: RouteName | 'unknown';
  query: Record<string, string>;
  body: unknown;
}

/** How the engine refuses to execute a tool the user has not (or no longer) authorized. */
export type AuthorizationRefusal =
  | 'http_403'
  | 'output_authorization'
  | 'requirements_not_met'
  | 'upstream_auth_error';

export interface ExecutionError {
  kind: string;
  message: string;
  can_retry?: boolean;
  retry_after_ms?: number;
  additional_prompt_content?: string;
  developer_message?: string;
  stacktrace?: string;
}

export type ToolHandler = (call: {
  input: Record<string, unknown>;
  userId: string | undefined;
  token: string | undefined;
}) => { value: unknown } | { error: ExecutionError };

interface Flow {
  id: string;
  userId: string;
  providerId: string;
  scopes: string[];
  status: 'pending' | 'completed' | 'failed';
  wake: Set<() => void>;
}

const catalogPath = new URL('../../../fixtures/arcade-catalog.json', import.meta.url);

/** Hand-written tools beside the catalog: one without and one with an authorization. */
export const demoTools: ToolDefinition[] = [
  {
    name: 'Echo',
    qualified_name: 'Demo.Echo',
    fully_qualified_name: 'Demo.Echo@1.0.0',
    description: 'Repeats a text.',
    toolkit: { name: 'Demo', version: '1.0.0', description: 'Hand-written test tools' },
    input: {
      parameters: [
        {
          name: 'text',
          required: true,
          description: 'The text to repeat',
          inferrable: true,
          value_schema: { val_type: 'string' },
        },
        {
          name: 'times',
          required: false,
          description: 'How often',
          inferrable: true,
          value_schema: { val_type: 'integer' },
        },
      ],
    },
    output: { available_modes: ['value', 'error'], value_schema: { val_type: 'string' } },
    requirements: { authorization: null, secrets: null, met: true },
  },
  {
    name: 'ReadInbox',
    qualified_name: 'Demo.ReadInbox',
    fully_qualified_name: 'Demo.ReadInbox@1.0.0',
    description: "Reads the user's demo inbox.",
    toolkit: { name: 'Demo', version: '1.0.0', description: 'Hand-written test tools' },
    input: {
      parameters: [
        {
          name: 'folder',
          required: false,
          description: 'Which folder',
          inferrable: true,
          value_schema: { val_type: 'string', enum: ['inbox', 'archive'] },
        },
      ],
    },
    output: { available_modes: ['value', 'error'], value_schema: { val_type: 'json' } },
    requirements: {
      authorization: {
        provider_id: 'demo-mail',
        provider_type: 'oauth2',
        oauth2: { scopes: ['inbox.read'] },
      },
      secrets: null,
      met: false,
    },
  },
];

export function loadCatalog(): ToolDefinition[] {
  const catalog = JSON.parse(readFileSync(catalogPath, 'utf8')) as { items: ToolDefinition[] };
  return catalog.items;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function sendError(response: ServerResponse, status: number, name: string, message: string) {
  sendJson(response, status, { name, message });
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function routeOf(method: string, pathname: string): RouteName | 'unknown' {
  if (method === 'GET' && pathname === '/v1/tools') return 'GET /v1/tools';
  if (method === 'GET' && pathname === '/v1/auth/status') return 'GET /v1/auth/status';
  if (method === 'POST' && pathname === '/v1/tools/authorize') return 'POST /v1/tools/authorize';
  if (method === 'POST' && pathname === '/v1/tools/execute') return 'POST /v1/tools/execute';
  if (method === 'GET' && pathname.startsWith('/v1/tools/')) return 'GET /v1/tools/{name}';
  return 'unknown';
}

export async function startArcadeApiServer({
  apiKey = 'arc_test_key_7f3b2c9d1e5a4b6c',
  tools = [...loadCatalog(), ...demoTools],
}: {
  apiKey?: string;
  tools?: ToolDefinition[];
} = {}) {
  const requests: RecordedRequest[] = [];
  const grants = new Map<string, string>(); // `${userId}\n${providerId}` -> token
  const flows = new Map<string, Flow>();
  const handlers = new Map<string, ToolHandler>();
  const failures = new Map<RouteName, number[]>();
  const delays = new Map<RouteName, number>();
  const issuedTokens: string[] = [];
  let refusal: AuthorizationRefusal = 'http_403';
  let abortedRequests = 0;
  let nextId = 1;
  const inFlight = new Map<RouteName | 'unknown', number>();
  const mostInFlight = new Map<RouteName | 'unknown', number>();

  const byName = new Map(tools.map((tool) => [tool.qualified_name.toLowerCase(), tool]));
  const grantKey = (userId: string, providerId: string) => `${userId}\n${providerId}`;
  const providerOf = (tool: ToolDefinition) => {
    const authorization = tool.requirements?.authorization;
    if (!authorization) return undefined;
    return authorization.provider_id ?? authorization.id ?? 'unknown-provider';
  };
  const tokenFor = (userId: string | undefined, tool: ToolDefinition) => {
    const providerId = providerOf(tool);
    if (providerId === undefined || userId === undefined) return undefined;
    return grants.get(grantKey(userId, providerId));
  };

  const withStatus = (tool: ToolDefinition, userId: string | undefined): ToolDefinition => {
    const authorization = tool.requirements?.authorization;
    if (!authorization || userId === undefined) return tool;
    const authorized = tokenFor(userId, tool) !== undefined;
    return {
      ...tool,
      requirements: {
        ...tool.requirements,
        authorization: {
          ...authorization,
          status: 'active',
          token_status: authorized ? 'completed' : 'not_started',
        },
        met: authorized,
      },
    };
  };

  const flowResponse = (flow: Flow) => ({
    id: flow.id,
    provider_id: flow.providerId,
    scopes: flow.scopes,
    status: flow.status,
    user_id: flow.userId,
    url: `https://provider.example.test/authorize?flow=${flow.id}`,
    ...(flow.status === 'completed'
      ? { context: { token: grants.get(grantKey(flow.userId, flow.providerId)) } }
      : {}),
  });

  const startOrReuseFlow = (userId: string, tool: ToolDefinition): Flow => {
    const providerId = providerOf(tool) ?? 'unknown-provider';
    for (const flow of flows.values()) {
      if (flow.userId === userId && flow.providerId === providerId && flow.status === 'pending') {
        return flow;
      }
    }
    const flow: Flow = {
      id: `auth_${nextId++}`,
      userId,
      providerId,
      scopes: tool.requirements?.authorization?.oauth2?.scopes ?? [],
      status: 'pending',
      wake: new Set(),
    };
    flows.set(flow.id, flow);
    return flow;
  };

  const grant = (userId: string, providerId: string) => {
    const token = `ya29.secret-token-${userId}-${providerId}-${nextId++}`;
    issuedTokens.push(token);
    grants.set(grantKey(userId, providerId), token);
    return token;
  };

  const findTool = (toolName: string) => byName.get(toolName.split('@')[0]?.toLowerCase() ?? '');

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = routeOf(request.method ?? 'GET', url.pathname);
    const body = await readBody(request);
    requests.push({ route, query: Object.fromEntries(url.searchParams), body });
    const current = (inFlight.get(route) ?? 0) + 1;
    inFlight.set(route, current);
    mostInFlight.set(route, Math.max(current, mostInFlight.get(route) ?? 0));
    response.on('close', () => inFlight.set(route, (inFlight.get(route) ?? 1) - 1));

    const key = request.headers.authorization?.replace(/^Bearer /, '');
    if (key !== apiKey) {
      sendError(response, 401, 'unauthorized', 'invalid API key');
      return;
    }
    if (route === 'unknown') {
      sendError(response, 404, 'not_found', 'no such route');
      return;
    }
    const queued = failures.get(route);
    const failStatus = queued?.shift();
    if (failStatus !== undefined) {
      sendError(response, failStatus, 'simulated_failure', `simulated HTTP ${failStatus}`);
      return;
    }
    const delay = delays.get(route);
    if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay));
    if (response.destroyed) return;

    if (route === 'GET /v1/tools') {
      const toolkit = url.searchParams.get('toolkit')?.toLowerCase();
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 25), 100);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const userId = url.searchParams.get('user_id') ?? undefined;
      const matching = tools.filter(
        (tool) => toolkit === undefined || tool.toolkit.name.toLowerCase() === toolkit,
      );
      const items = matching.slice(offset, offset + limit).map((tool) => withStatus(tool, userId));
      sendJson(response, 200, {
        items,
        limit,
        offset,
        page_count: items.length,
        total_count: matching.length,
      });
      return;
    }

    if (route === 'GET /v1/tools/{name}') {
      const name = decodeURIComponent(url.pathname.slice('/v1/tools/'.length));
      const tool = findTool(name);
      if (!tool) {
        sendError(response, 404, 'not_found', `tool ${name} not found`);
        return;
      }
      sendJson(response, 200, withStatus(tool, url.searchParams.get('user_id') ?? undefined));
      return;
    }

    if (route === 'POST /v1/tools/authorize') {
      const { tool_name, user_id } = body as { tool_name: string; user_id?: string };
      const tool = findTool(tool_name);
      if (!tool) {
        sendError(response, 404, 'not_found', `tool ${tool_name} not found`);
        return;
      }
      const providerId = providerOf(tool);
      if (providerId === undefined) {
        sendJson(response, 200, { status: 'completed' });
        return;
      }
      if (user_id === undefined) {
        sendError(response, 400, 'bad_request', 'user_id is required with an API key');
        return;
      }
      const token = tokenFor(user_id, tool);
      if (token !== undefined) {
        sendJson(response, 200, {
          id: `auth_${nextId++}`,
          provider_id: providerId,
          scopes: tool.requirements?.authorization?.oauth2?.scopes ?? [],
          status: 'completed',
          user_id,
          context: { token },
        });
        return;
      }
      sendJson(response, 200, flowResponse(startOrReuseFlow(user_id, tool)));
      return;
    }

    if (route === 'POST /v1/tools/execute') {
      const { tool_name, user_id, input } = body as {
        tool_name: string;
        user_id?: string;
        input?: Record<string, unknown>;
      };
      const tool = findTool(tool_name);
      if (!tool) {
        sendError(response, 404, 'not_found', `tool ${tool_name} not found`);
        return;
      }
      const execution = { id: `exec_${nextId++}`, execution_type: 'immediate' };
      const needsToken = providerOf(tool) !== undefined;
      const token = tokenFor(user_id, tool);
      if (needsToken && token === undefined) {
        if (refusal === 'http_403') {
          sendError(response, 403, 'permission_denied', `user has not authorized ${tool_name}`);
        } else if (refusal === 'output_authorization') {
          const flow = startOrReuseFlow(user_id ?? 'anonymous', tool);
          sendJson(response, 200, {
            ...execution,
            status: 'failed',
            success: false,
            output: { authorization: flowResponse(flow) },
          });
        } else {
          sendJson(response, 200, {
            ...execution,
            status: 'failed',
            success: false,
            output: {
              error: {
                kind:
                  refusal === 'requirements_not_met'
                    ? 'TOOL_REQUIREMENTS_NOT_MET'
                    : 'UPSTREAM_RUNTIME_AUTH_ERROR',
                message: 'The tool is not authorized for this user.',
                can_retry: false,
                developer_message: `token for ${user_id} missing or revoked`,
              },
            },
          });
        }
        return;
      }
      const handler: ToolHandler =
        handlers.get(tool.qualified_name) ??
        (({ input, userId }) => ({ value: { tool: tool.qualified_name, input, userId } }));
      const result = handler({ input: input ?? {}, userId: user_id, token });
      if ('error' in result) {
        sendJson(response, 200, {
          ...execution,
          status: 'failed',
          success: false,
          output: { error: result.error },
        });
      } else {
        sendJson(response, 200, {
          ...execution,
          status: 'success',
          success: true,
          output: { value: result.value },
        });
      }
      return;
    }

    // GET /v1/auth/status
    const flow = flows.get(url.searchParams.get('id') ?? '');
    if (!flow) {
      sendError(response, 404, 'not_found', 'authorization not found');
      return;
    }
    const waitSeconds = Math.min(Number(url.searchParams.get('wait') ?? 0), 59);
    if (flow.status === 'pending' && waitSeconds > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, waitSeconds * 1000);
        function done() {
          clearTimeout(timer);
          flow?.wake.delete(done);
          resolve();
        }
        flow.wake.add(done);
        response.on('close', done);
      });
    }
    if (!response.destroyed) sendJson(response, 200, flowResponse(flow));
  }

  const server = createServer((request, response) => {
    response.on('close', () => {
      if (!response.writableFinished) abortedRequests++;
    });
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, 'internal', String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    count: (route: RouteName) => requests.filter((request) => request.route === route).length,
    /** The most requests on `route` that were open at the same moment. */
    mostInFlight: (route: RouteName) => mostInFlight.get(route) ?? 0,
    /** Requests whose client hung up before the answer was sent (an abort). */
    get abortedRequests() {
      return abortedRequests;
    },
    /** The API key and every token the server handed out: none may reach the model. */
    secrets: () => [apiKey, ...issuedTokens],
    setRefusal(mode: AuthorizationRefusal) {
      refusal = mode;
    },
    /** Answer the next request(s) on `route` with `status` in the Arcade error envelope. */
    failNext(route: RouteName, status: number, times = 1) {
      failures.set(route, [...(failures.get(route) ?? []), ...Array(times).fill(status)]);
    },
    delay(route: RouteName, milliseconds: number | undefined) {
      if (milliseconds === undefined) delays.delete(route);
      else delays.set(route, milliseconds);
    },
    onExecute(qualifiedName: string, handler: ToolHandler) {
      handlers.set(qualifiedName, handler);
    },
    grant,
    revoke(userId: string, providerId: string) {
      grants.delete(grantKey(userId, providerId));
    },
    completeAuthorization(id: string) {
      const flow = flows.get(id);
      if (!flow) throw new Error(`no authorization flow ${id}`);
      grant(flow.userId, flow.providerId);
      flow.status = 'completed';
      for (const wake of [...flow.wake]) wake();
    },
    failAuthorization(id: string) {
      const flow = flows.get(id);
      if (!flow) throw new Error(`no authorization flow ${id}`);
      flow.status = 'failed';
      for (const wake of [...flow.wake]) wake();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type ArcadeApiServer = Awaited<ReturnType<typeof startArcadeApiServer>>;

import type {
  ToolClientAuthorizationResponse,
  ToolClientAuthorizeBody,
  ToolClientExecuteBody,
  ToolClientExecuteResponse,
  ToolDefinition,
} from '@toolgrant/core';
import { EngineClientError } from './engine-client-error.js';

// The engine's own client, of the official client's shape (the subset core's `ToolClient`
// needs, plus formatted tools and waitForCompletion). It calls the engine's `fetch` directly:
// no socket, but the same routes, API-key check, validation and error envelope as over HTTP.

/** Per-request options of the in-process client. */
export interface InProcessClientRequestOptions {
  signal?: AbortSignal | null | undefined;
}

/** One page of tools, as the engine's list routes answer. */
export interface ToolPage<Item> {
  items: Item[];
  total_count: number;
  offset: number;
  limit: number;
  page_count: number;
}

/** The filters and paging of a tool list request. */
export interface ToolListParams {
  toolkit?: string | undefined;
  user_id?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  /** Formats to add to each tool, e.g. `['openai']`. */
  include_format?: readonly ('arcade' | 'openai' | 'anthropic')[] | undefined;
}

/** The filters, paging and format of a formatted tool list request. */
export interface FormattedToolListParams {
  format?: 'openai' | 'anthropic' | undefined;
  toolkit?: string | undefined;
  user_id?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** A user's connection to a provider, as `GET /v1/admin/user_connections` lists it. */
export interface UserConnectionResponse {
  id: string;
  connection_id: string;
  connection_status: string;
  provider_id: string;
  provider_type: string;
  scopes: string[];
  user_id: string;
}

/** A client of the official `@arcadeai/arcadejs` shape that calls the engine's `fetch` directly. */
export interface InProcessClient {
  tools: {
    list(
      params?: ToolListParams | null,
      options?: InProcessClientRequestOptions,
    ): Promise<ToolPage<ToolDefinition>>;
    get(
      name: string,
      params?: {
        user_id?: string | undefined;
        include_format?: ToolListParams['include_format'];
      } | null,
      options?: InProcessClientRequestOptions,
    ): Promise<ToolDefinition>;
    authorize(
      body: ToolClientAuthorizeBody,
      options?: InProcessClientRequestOptions,
    ): Promise<ToolClientAuthorizationResponse>;
    execute(
      body: ToolClientExecuteBody,
      options?: InProcessClientRequestOptions,
    ): Promise<ToolClientExecuteResponse>;
    formatted: {
      list(
        params?: FormattedToolListParams | null,
        options?: InProcessClientRequestOptions,
      ): Promise<ToolPage<unknown>>;
      get(
        name: string,
        params?: {
          format?: 'openai' | 'anthropic' | undefined;
          user_id?: string | undefined;
        } | null,
        options?: InProcessClientRequestOptions,
      ): Promise<unknown>;
    };
  };
  auth: {
    status(
      params: { id: string; wait?: number | undefined },
      options?: InProcessClientRequestOptions,
    ): Promise<ToolClientAuthorizationResponse>;
    /** Long-polls until the authorization is `completed`; throws if it `failed`. */
    waitForCompletion(
      authorization: ToolClientAuthorizationResponse | string,
      options?: InProcessClientRequestOptions,
    ): Promise<ToolClientAuthorizationResponse>;
  };
  admin: {
    userConnections: {
      list(
        params?: {
          user_id?: string | undefined;
          provider_id?: string | undefined;
          limit?: number | undefined;
          offset?: number | undefined;
        } | null,
        options?: InProcessClientRequestOptions,
      ): Promise<ToolPage<UserConnectionResponse>>;
      /** Deletes the connection (revoking its token at the provider where it can). */
      delete(id: string, options?: InProcessClientRequestOptions): Promise<void>;
    };
  };
}

/** Host of the requests' URLs; only the path and query reach the engine's routes. */
const inProcessOrigin = 'http://in-process.toolgrant';
const waitSeconds = 59;

/** A client for the engine's API that calls its fetch handler directly, without a network. */
export function createInProcessClient({
  fetch,
  apiKey,
}: {
  /** The engine's request handler. */
  fetch: (request: Request) => Promise<Response>;
  /** One of the engine's API keys; sent in `Authorization` like the official client does. */
  apiKey: string;
}): InProcessClient {
  async function call<T>({
    method,
    path,
    query,
    body,
    options,
  }: {
    method: 'GET' | 'POST' | 'DELETE';
    path: string;
    query?: object | null | undefined;
    body?: unknown;
    options: InProcessClientRequestOptions | undefined;
  }): Promise<T> {
    const signal = options?.signal ?? undefined;
    signal?.throwIfAborted();
    const url = new URL(path, inProcessOrigin);
    for (const [name, value] of Object.entries(query ?? {}) as [string, unknown][]) {
      if (value === undefined || value === null) continue;
      url.searchParams.set(name, Array.isArray(value) ? value.join(',') : String(value));
    }
    const response = await fetch(
      new Request(url, {
        method,
        headers: {
          authorization: apiKey,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal === undefined ? {} : { signal }),
      }),
    );
    // A long-poll answers early when the caller aborts; the caller asked to stop, not for it.
    signal?.throwIfAborted();
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) throw new EngineClientError({ status: response.status, body: parsed });
    return parsed as T;
  }

  const client: InProcessClient = {
    tools: {
      list: (params, options) => call({ method: 'GET', path: '/v1/tools', query: params, options }),
      get: (name, params, options) =>
        call({
          method: 'GET',
          path: `/v1/tools/${encodeURIComponent(name)}`,
          query: params,
          options,
        }),
      authorize: (body, options) =>
        call({ method: 'POST', path: '/v1/tools/authorize', body, options }),
      execute: (body, options) =>
        call({ method: 'POST', path: '/v1/tools/execute', body, options }),
      formatted: {
        list: (params, options) =>
          call({ method: 'GET', path: '/v1/formatted_tools', query: params, options }),
        get: (name, params, options) =>
          call({
            method: 'GET',
            path: `/v1/formatted_tools/${encodeURIComponent(name)}`,
            query: params,
            options,
          }),
      },
    },
    auth: {
      status: (params, options) =>
        call({ method: 'GET', path: '/v1/auth/status', query: params, options }),
      async waitForCompletion(authorization, options) {
        let current =
          typeof authorization === 'string'
            ? { id: authorization, status: 'pending' }
            : authorization;
        while (current.status !== 'completed') {
          if (current.status === 'failed') {
            throw new EngineClientError({
              status: 409,
              body: {
                code: 'authorization_failed',
                message: `Authorization '${current.id}' failed; start a new one for the user.`,
              },
            });
          }
          if (current.id === undefined) {
            throw new TypeError('waitForCompletion needs an authorization with an id.');
          }
          current = await client.auth.status({ id: current.id, wait: waitSeconds }, options);
        }
        return current;
      },
    },
    admin: {
      userConnections: {
        list: (params, options) =>
          call({ method: 'GET', path: '/v1/admin/user_connections', query: params, options }),
        delete: (id, options) =>
          call({
            method: 'DELETE',
            path: `/v1/admin/user_connections/${encodeURIComponent(id)}`,
            options,
          }),
      },
    },
  };
  return client;
}

// What core calls on an Arcade v1 client: a structural subset of the official
// `@arcadeai/arcadejs` client (2.x), so `new Arcade({...})` fits, and so does the engine's
// in-process client. Responses are typed loosely on purpose: core validates what it reads.

/** Per-request options core passes; the official client accepts them as `RequestOptions`. */
export interface ToolClientRequestOptions {
  signal?: AbortSignal | null | undefined;
}

/** Query of `client.tools.list`. */
export interface ToolClientListParams {
  toolkit?: string;
  user_id?: string;
  limit?: number;
  offset?: number;
}

/** Query of `client.tools.get`. */
export interface ToolClientGetParams {
  user_id?: string;
}

/** A page of `GET /v1/tools`. Items are checked by `parseToolDefinition`. */
export interface ToolClientPage {
  items: readonly unknown[];
  total_count?: number;
  offset?: number;
}

/** Body of `client.tools.authorize`. */
export interface ToolClientAuthorizeBody {
  tool_name: string;
  tool_version?: string;
  user_id?: string;
  next_uri?: string;
}

/** `AuthorizationResponse` of the Arcade API. `context` may carry a token: core never forwards it. */
export interface ToolClientAuthorizationResponse {
  id?: string;
  url?: string;
  status?: string;
  provider_id?: string;
  scopes?: readonly string[];
  user_id?: string;
}

/** Body of `client.tools.execute`. */
export interface ToolClientExecuteBody {
  tool_name: string;
  tool_version?: string;
  input?: Record<string, unknown>;
  user_id?: string;
}

/** The error of a tool run, as the engine reports it. */
export interface ToolClientExecutionError {
  kind: string;
  message: string;
  can_retry?: boolean;
  retry_after_ms?: number;
  additional_prompt_content?: string;
  developer_message?: string;
  stacktrace?: string;
  status_code?: number;
  extra?: Record<string, unknown>;
}

/** Answer of `client.tools.execute`. */
export interface ToolClientExecuteResponse {
  id?: string;
  execution_id?: string;
  status?: string;
  success?: boolean;
  output?: {
    value?: unknown;
    error?: ToolClientExecutionError;
    authorization?: ToolClientAuthorizationResponse;
  };
}

/** Query of `client.auth.status`. */
export interface ToolClientAuthStatusParams {
  id: string;
  /** Seconds the server may hold the request open until the status changes (at most 59). */
  wait?: number;
}

/**
 * The part of the official Arcade client core calls; `new Arcade({...})` is one, so is the engine's in-process client.
 */
export interface ToolClient {
  tools: {
    list(
      params?: ToolClientListParams | null,
      options?: ToolClientRequestOptions,
    ): PromiseLike<ToolClientPage>;
    get(
      name: string,
      params?: ToolClientGetParams | null,
      options?: ToolClientRequestOptions,
    ): PromiseLike<unknown>;
    authorize(
      body: ToolClientAuthorizeBody,
      options?: ToolClientRequestOptions,
    ): PromiseLike<ToolClientAuthorizationResponse>;
    execute(
      body: ToolClientExecuteBody,
      options?: ToolClientRequestOptions,
    ): PromiseLike<ToolClientExecuteResponse>;
  };
  auth: {
    status(
      params: ToolClientAuthStatusParams,
      options?: ToolClientRequestOptions,
    ): PromiseLike<ToolClientAuthorizationResponse>;
  };
}

// How the engine's MCP endpoint (`/mcp`) is configured: the `mcp` field of the engine
// configuration. Every field is optional; the endpoint is on by default, because it asks for the
// same API key as the REST API (or a user-scoped MCP token) and validates Host and Origin.

/** The MCP endpoint's settings: `createEngine({ mcp: { ... } })` or `defineConfig({ mcp })`. */
export interface McpConfig {
  /** Serve `/mcp`. Default: TOOLGRANT_MCP_ENABLED (`true` or `false`), else true. */
  enabled?: boolean | undefined;
  /**
   * Host names (without port) the endpoint answers besides `localhost`, `127.0.0.1`, `[::1]`
   * and the host of the engine's base URL; any other `Host` header is refused with 403 (DNS
   * rebinding). Default: TOOLGRANT_MCP_ALLOWED_HOSTS (comma-separated), else none.
   */
  allowedHosts?: readonly string[] | undefined;
  /**
   * Host names of the browser pages that may call the endpoint (a request with another `Origin`
   * header is refused with 403; one without `Origin`, as desktop and server clients send, passes).
   * Default: TOOLGRANT_MCP_ALLOWED_ORIGINS (comma-separated), else the allowed hosts.
   */
  allowedOrigins?: readonly string[] | undefined;
  /**
   * For MCP clients that predate URL elicitation: a tool that needs the user's consent answers
   * with a text result holding the authorization link, for the model to pass on. The link then
   * passes through the model (and its provider's logs); it carries no credential and only the
   * user it was made for can complete it. Default: false (such clients get the protocol's
   * missing-capability answer).
   */
  textFallback?: boolean | undefined;
  /** Tools per `tools/list` page. Default: 100. */
  pageSize?: number | undefined;
  /**
   * How long a retried `tools/call` waits for the user to finish consenting before it asks
   * again with the same link, in seconds. Default: 20.
   */
  consentWaitSeconds?: number | undefined;
  /** How long a consent round's `requestState` stays valid, in seconds. Default: 600 (ten minutes). */
  requestStateTtlSeconds?: number | undefined;
}

/** The MCP settings with defaults applied, as the endpoint uses them. */
export interface McpSettings {
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
  textFallback: boolean;
  pageSize: number;
  consentWaitSeconds: number;
  requestStateTtlSeconds: number;
}

/** Loopback names are always allowed: a rebinding page's requests carry its own host name. */
export const loopbackHostnames = ['localhost', '127.0.0.1', '[::1]'] as const;

/** Tools per `tools/list` page. */
export const defaultMcpPageSize = 100;
/** How long an `accept` retry waits for the flow: short enough for clients' request timeouts. */
export const defaultConsentWaitSeconds = 20;
/** How long a consent round's `requestState` is accepted: an authorization flow's lifetime. */
export const defaultRequestStateTtlSeconds = 600;

/** The settings of an endpoint serving `baseUrl`, from the configured (already validated) ones. */
export function toMcpSettings({
  config,
  baseUrl,
}: {
  config: McpConfig;
  baseUrl: string;
}): McpSettings {
  const baseHost = new URL(baseUrl).hostname.toLowerCase();
  const allowedHosts = [
    ...new Set([
      ...loopbackHostnames,
      baseHost,
      ...(config.allowedHosts ?? []).map((host) => host.toLowerCase()),
    ]),
  ];
  return {
    allowedHosts,
    allowedOrigins:
      config.allowedOrigins === undefined
        ? allowedHosts
        : config.allowedOrigins.map((host) => host.toLowerCase()),
    textFallback: config.textFallback ?? false,
    pageSize: config.pageSize ?? defaultMcpPageSize,
    consentWaitSeconds: config.consentWaitSeconds ?? defaultConsentWaitSeconds,
    requestStateTtlSeconds: config.requestStateTtlSeconds ?? defaultRequestStateTtlSeconds,
  };
}

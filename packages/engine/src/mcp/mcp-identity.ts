// Who an MCP request acts for. Arcade's MCP gateways take the same two headers ("Arcade
// Headers": an API key in `Authorization` and the end user's id in `Arcade-User-ID`, see
// https://docs.arcade.dev/guides/mcp-gateways/create-via-dashboard), so a client configured
// for one works with the other. A client that must not hold the API key sends a user-scoped
// MCP token instead (`POST /v1/mcp/tokens`), which names the user and the toolkits itself.

/** The header naming the end user, as Arcade's MCP gateways read it. */
export const userIdHeader = 'Arcade-User-ID';

/** The user an MCP request acts for, and what it may reach. */
export interface McpIdentity {
  readonly userId: string;
  /** `api_key`, or `token:<id>` for a user-scoped MCP token: a session and a consent round stay with one. */
  readonly principal: string;
  /** The toolkit names (lower case) a user-scoped token is limited to; undefined: every toolkit. */
  readonly toolkits: readonly string[] | undefined;
}

/** Whether two requests come from the same principal acting for the same user. */
export function isSameIdentity(a: McpIdentity, b: McpIdentity): boolean {
  return a.userId === b.userId && a.principal === b.principal;
}

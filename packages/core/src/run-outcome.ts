// What `runTool` returns. Every variant is safe to show to a model through `toModelOutput`:
// none of them carries a token or a developer-only message.

/** A user's authorization the tool is waiting for. Show `url` to the user, not to the model. */
export interface RequiredAuthorization {
  /** Pass to `waitForAuthorization` to wait until the user has approved. */
  id: string;
  url: string | undefined;
  providerId: string | undefined;
  scopes: string[];
  status: 'not_started' | 'pending' | 'failed';
  /** Why the server asks (an MCP URL elicitation's message); show it beside the link. */
  message?: string | undefined;
  /** The host of `url`, to show highlighted beside it (the MCP rules for URLs ask for it). */
  host?: string | undefined;
  /** What retrying an MCP tool call needs after the user's answer; absent for Arcade tools. */
  mcp?: McpConsentRequest | undefined;
}

/**
 * What an MCP server asked for with URL-mode elicitation, and what the retry must carry: in
 * 2026-07-28, the input key to answer and the `requestState` to echo byte for byte; in
 * 2025-11-25, the elicitation id that `notifications/elicitation/complete` names.
 */
export type McpConsentRequest =
  | {
      era: '2026-07-28';
      /** The MCP source's name. */
      source: string;
      /** The server's name of the tool. */
      tool: string;
      inputKey: string;
      requestState?: string | undefined;
    }
  | { era: '2025-11-25'; source: string; tool: string; elicitationId: string };

/** A tool call that ran and failed, in the Arcade error kinds (`TOOL_RUNTIME_BAD_INPUT_VALUE`...). */
export interface ToolCallFailure {
  kind: string;
  /** Meant for the model: what went wrong and how to fix the call. */
  message: string;
  canRetry: boolean;
  retryAfterMs: number | undefined;
  additionalPromptContent: string | undefined;
}

/**
 * What `runTool` returns: the value, an authorization to show the user, or an error the model can act on.
 */
export type RunOutcome =
  | { type: 'completed'; value: unknown }
  | { type: 'authorization_required'; authorization: RequiredAuthorization }
  | { type: 'error'; error: ToolCallFailure };

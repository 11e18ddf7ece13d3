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
}

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

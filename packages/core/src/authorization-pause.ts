import { isMcpToolDefinition, type McpToolDefinition } from './mcp-tool-definition.js';
import type { RequiredAuthorization } from './run-outcome.js';
import type { ToolDefinition } from './tool-definition.js';

// What every adapter hands the app when a call pauses for the user's authorization (a LangGraph
// interrupt, a Mastra suspend, an AI SDK approval request), and what its
// `onAuthorizationRequired` callback receives where a run cannot pause. `toolName` is the name
// the framework reports the call under (the model's name), so the app can match the pause to
// the tool call beside it; `qualifiedName` is Toolgrant's name of the tool.

/** The `type` of every Toolgrant authorization pause payload. */
export const authorizationPauseType = 'toolgrant/authorization_required';

/** A tool the user has to authorize first: show `authorization.url` to them, never to the model. */
export interface AuthorizationRequiredEvent {
  /** The tool's name as the model called it: `Gmail_ListEmails`. */
  toolName: string;
  /** Toolgrant's name of the tool: `Gmail.ListEmails`. */
  qualifiedName: string;
  authorization: RequiredAuthorization;
}

/** The payload of a pause for authorization, marked so the app tells it from other pauses. */
export interface AuthorizationPause extends AuthorizationRequiredEvent {
  type: typeof authorizationPauseType;
}

/** The payload an adapter pauses with when a call needs the user's authorization. */
export function toAuthorizationPause({
  toolName,
  definition,
  authorization,
}: {
  /** The name the model called the tool by. */
  toolName: string;
  definition: ToolDefinition | McpToolDefinition;
  authorization: RequiredAuthorization;
}): AuthorizationPause {
  return {
    type: authorizationPauseType,
    toolName,
    qualifiedName: isMcpToolDefinition(definition)
      ? definition.qualifiedName
      : definition.qualified_name,
    authorization,
  };
}

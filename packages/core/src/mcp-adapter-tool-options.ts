import type { AuthorizationRequiredEvent } from './authorization-pause.js';
import type { McpToolDefinition } from './mcp-tool-definition.js';
import type { ToolErrorReport } from './run-tool.js';
import type { ToolgrantSession } from './toolgrant-session.js';

/** What an adapter builds one MCP tool from: the tool, the session, and the app's callbacks. */
export interface McpAdapterToolOptions {
  definition: McpToolDefinition;
  session: ToolgrantSession;
  /** Called where a run cannot pause, with the consent request to show. */
  onAuthorizationRequired?: ((event: AuthorizationRequiredEvent) => void) | undefined;
  /** Put the URL in the model's text where a run cannot pause. */
  includeAuthorizationUrl?: boolean | undefined;
  onError?: ((report: ToolErrorReport) => void) | undefined;
}

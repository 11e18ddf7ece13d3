import type { EngineLogger } from '../shared/engine-logger.js';
import type { CredentialResolver } from '../tools/credential-resolver.js';
import type { InvokeWorkerTool } from '../tools/execute-tool-call.js';
import type { SecretResolver } from '../tools/secret-resolver.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import type { McpSettings } from './mcp-config.js';
import type { McpServerExtension } from './mcp-server-extension.js';
import type { McpTokenLookup } from './mcp-token.js';
import type { RequestStateStore } from './request-state.js';

/** What the MCP endpoint works with; the HTTP layer builds it beside the REST routes. */
export interface McpDependencies {
  registry: ToolRegistry;
  credentials: CredentialResolver;
  secrets: SecretResolver;
  logger: EngineLogger;
  /** For tools that set no timeout of their own. */
  executionTimeoutMs: number | undefined;
  /** Runs worker tools on the engine's worker pool. */
  invokeWorkerTool: InvokeWorkerTool | undefined;
  /** Whether a presented credential is one of the engine's API keys (constant time). */
  isApiKey: (presented: string) => boolean;
  findToken: McpTokenLookup;
  /** Seals consent rounds' `requestState` and remembers the ones used. */
  requestStates: RequestStateStore;
  /** Moves whenever the registry's tools change (a worker appears or goes). */
  toolsGeneration: () => number;
  settings: McpSettings;
  /** The largest request body read, in bytes (the engine's `maxBodyBytes`). */
  maxBodyBytes: number;
  clock: () => Date;
  /** Tools with their own MCP handlers beside the registry's (the conformance fixture). Default: none. */
  extension?: McpServerExtension | undefined;
}

import type {
  CallToolResult,
  InputRequiredResult,
  ServerCapabilities,
  ServerContext,
  Tool,
} from '@modelcontextprotocol/server';

// MCP tools answered by their own handlers, served beside the registry's. The engine's tools are
// Arcade tools: input in, a value or an error out. The official conformance suite also calls
// tools that stream progress, log, sample the client's model or return images, which no Arcade
// tool can do; its fixture plugs in here. Only `createEngine`'s `mcpServerExtension` option (on
// `@toolgrant/engine/internal`, for tests) sets one: an engine configured as users configure it
// serves its registry and nothing else.

/** A tool with its own MCP handler. */
export interface McpExtensionTool {
  /** As `tools/list` shows it. */
  definition: Tool;
  /** Answers `tools/call`; may ask the client for input (2026-07-28) or call it back (2025-11-25). */
  call: (
    input: Record<string, unknown>,
    context: ServerContext,
  ) => Promise<CallToolResult | InputRequiredResult>;
}

/** What an extension adds to each server instance. */
export interface McpServerExtension {
  /** Declared beside `tools`, for example `logging`. */
  capabilities?: ServerCapabilities;
  /** Listed after the registry's tools; a name the registry also serves is the registry's. */
  tools: readonly McpExtensionTool[];
  /** Opens a `requestState` the extension's tools sealed; the engine's own states are opened first. */
  openRequestState?: (sealed: string, context: ServerContext) => Promise<unknown>;
  /**
   * `false` sends every `tools/call` through the SDK's handler, also the plain ones the endpoint
   * answers directly (direct-tool-call.ts), so a test can compare the two. Default: true.
   */
  directToolCalls?: boolean;
  /** Told each time the endpoint builds an SDK server instance, so a test sees which path answered. */
  onServerCreated?: (era: 'legacy' | 'modern') => void;
  /** Called once by the endpoint, with what its tools may do beyond one server instance. */
  attach?: (endpoint: McpExtensionEndpoint) => void;
}

/** The endpoint, as an extension's tools see it. */
export interface McpExtensionEndpoint {
  /** Sends `notifications/tools/list_changed` to every listening client, in both eras. */
  notifyToolsChanged: () => void;
}

/** The `createEngine` option key under which a test passes an extension (see the file comment). */
export const mcpServerExtension: unique symbol = Symbol('toolgrant.mcpServerExtension');

// `@toolgrant/testkit/mcp`: an MCP server of its own that asks for URL consent, for the tests of
// Toolgrant's MCP sources (from `@toolgrant/mcp-consent-server`), and the MCP benchmark. A
// separate entry, so the rest of the testkit loads no MCP SDK.

export * from '@toolgrant/mcp-consent-server';
export {
  benchMcpAgainstSdk,
  type McpBenchServer,
  startMcpBenchServer,
} from './start-mcp-bench-server.js';

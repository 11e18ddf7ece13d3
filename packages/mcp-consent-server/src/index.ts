// `@toolgrant/mcp-consent-server`: an MCP server of its own that asks for URL consent, for the
// tests of Toolgrant's MCP sources. It depends on no Toolgrant package, so `@toolgrant/core` can
// test against it without a dependency cycle; the testkit re-exports it as `@toolgrant/testkit/mcp`.

export {
  type McpConsentServer,
  type McpConsentServerCall,
  type McpConsentServerEra,
  type StartMcpConsentServerOptions,
  startMcpConsentServer,
} from './start-mcp-consent-server.js';

import { describe, expect, it } from 'vitest';
import { readChatMcpConfig } from '../lib/chat-mcp-config.js';

// CHAT_MCP_URL, CHAT_MCP_HEADERS and CHAT_MCP_NAME, read as the chat starts: what a person may
// get wrong, each in words naming the variable and never repeating a header's value.

const url = 'http://127.0.0.1:9099/mcp';
const secret = 'sk-very-secret';

describe('readChatMcpConfig', () => {
  it('adds no MCP server when CHAT_MCP_URL is not set', () => {
    expect(readChatMcpConfig({})).toBeUndefined();
    expect(readChatMcpConfig({ CHAT_MCP_URL: '  ' })).toBeUndefined();
  });

  it('reads the URL, the headers and the name (default `mcp`)', () => {
    const headers = { Authorization: `Bearer ${secret}`, 'Arcade-User-ID': '{userId}' };
    expect(
      readChatMcpConfig({ CHAT_MCP_URL: url, CHAT_MCP_HEADERS: JSON.stringify(headers) }),
    ).toEqual({ name: 'mcp', url: new URL(url), headers });
    expect(readChatMcpConfig({ CHAT_MCP_URL: url, CHAT_MCP_NAME: 'notes' })).toEqual({
      name: 'notes',
      url: new URL(url),
      headers: {},
    });
  });

  it.each([
    [
      'headers that are not JSON',
      { CHAT_MCP_URL: url, CHAT_MCP_HEADERS: `{"Authorization": "Bearer ${secret}",` },
      'CHAT_MCP_HEADERS is not valid JSON. Set it to a JSON object of header names and values, for example {"Authorization":"Bearer <key>","Arcade-User-ID":"{userId}"}.',
    ],
    [
      'headers that are not an object',
      { CHAT_MCP_URL: url, CHAT_MCP_HEADERS: `["Bearer ${secret}"]` },
      'CHAT_MCP_HEADERS must be a JSON object of header names and values, for example {"Authorization":"Bearer <key>","Arcade-User-ID":"{userId}"}; it is an array.',
    ],
    [
      'a header value that is not a string',
      { CHAT_MCP_URL: url, CHAT_MCP_HEADERS: '{"X-Retries": 3}' },
      'CHAT_MCP_HEADERS["X-Retries"] must be a string, but it is a number. Quote the value.',
    ],
    [
      'a header name that is not one',
      { CHAT_MCP_URL: url, CHAT_MCP_HEADERS: `{"Authorization: Bearer ${secret}": ""}` },
      `CHAT_MCP_HEADERS has a key that is not a header name (letters, digits and !#$%&'*+.^_\`|~-); put "Name": "value" pairs in the object, for example {"Authorization": "Bearer …"}.`,
    ],
    [
      'a header value with a line break',
      { CHAT_MCP_URL: url, CHAT_MCP_HEADERS: `{"Authorization": "${secret}\\r\\nX-Evil: 1"}` },
      'CHAT_MCP_HEADERS["Authorization"] holds a line break, which no header may.',
    ],
    [
      'a URL that is not one',
      { CHAT_MCP_URL: `127.0.0.1:9099/mcp?key=${secret}` },
      'CHAT_MCP_URL is not an http(s) URL. Set it to the MCP server’s Streamable HTTP endpoint, for example http://127.0.0.1:9099/mcp.',
    ],
    [
      'a URL of another scheme',
      { CHAT_MCP_URL: `ws://127.0.0.1:9099/mcp?key=${secret}` },
      'CHAT_MCP_URL is not an http(s) URL. Set it to the MCP server’s Streamable HTTP endpoint, for example http://127.0.0.1:9099/mcp.',
    ],
    [
      'a name that cannot prefix tool names',
      { CHAT_MCP_URL: url, CHAT_MCP_NAME: 'my_server' },
      `CHAT_MCP_NAME is not usable: mcpSource needs a name of 1 to 32 letters, digits or '-' (it prefixes the server's tool names), received "my_server".`,
    ],
    [
      'headers without a URL',
      { CHAT_MCP_HEADERS: `{"Authorization": "Bearer ${secret}"}`, CHAT_MCP_NAME: 'notes' },
      "CHAT_MCP_HEADERS and CHAT_MCP_NAME are set but CHAT_MCP_URL is not. Set CHAT_MCP_URL to the MCP server's URL, or unset CHAT_MCP_HEADERS and CHAT_MCP_NAME.",
    ],
  ])('refuses %s, saying what to fix without repeating a secret', (_, environment, message) => {
    let thrown: unknown;
    try {
      readChatMcpConfig(environment);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error | undefined)?.message).toBe(message);
    expect((thrown as Error).message).not.toContain(secret);
  });
});

import { mcpSource } from '@toolgrant/core';

// The MCP server the chat adds beside the engine's tools, from the environment:
//   CHAT_MCP_URL      the server's Streamable HTTP endpoint
//   CHAT_MCP_HEADERS  a JSON object of headers; `{userId}` in a value becomes the signed-in user
//   CHAT_MCP_NAME     the prefix of its tools (default `mcp`: `mcp_Inbox_ListMessages`)
// Read once at startup (instrumentation.ts, scripts/demo.ts), so a mistake stops the chat with
// words saying which variable is wrong. The header values are secrets: no message repeats them.

/** The chat's MCP server, checked. */
export interface ChatMcpConfig {
  name: string;
  url: URL;
  /** Header values may hold `{userId}`, replaced per user. */
  headers: Readonly<Record<string, string>>;
}

/** The placeholder in a header value that becomes the signed-in user's id. */
export const userIdPlaceholder = '{userId}';

export const defaultMcpName = 'mcp';

const example = `{"Authorization":"Bearer <key>","Arcade-User-ID":"${userIdPlaceholder}"}`;
// RFC 9110's token: what a header name may be.
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The MCP server configured in `environment`, undefined when none is; throws what to fix. */
export function readChatMcpConfig(
  environment: Record<string, string | undefined> = process.env,
): ChatMcpConfig | undefined {
  const {
    CHAT_MCP_URL: rawUrl = '',
    CHAT_MCP_HEADERS: rawHeaders = '',
    CHAT_MCP_NAME: rawName = '',
  } = environment;
  if (rawUrl.trim() === '') {
    const stray = [rawHeaders && 'CHAT_MCP_HEADERS', rawName && 'CHAT_MCP_NAME'].filter(Boolean);
    if (stray.length > 0) {
      throw new Error(
        `${stray.join(' and ')} ${stray.length > 1 ? 'are' : 'is'} set but CHAT_MCP_URL is not. Set CHAT_MCP_URL to the MCP server's URL, or unset ${stray.join(' and ')}.`,
      );
    }
    return undefined;
  }
  const url = parseUrl(rawUrl.trim());
  const headers = parseHeaders(rawHeaders);
  const name = rawName.trim() || defaultMcpName;
  try {
    // Core's own checks of a source (the name is a valid prefix), before any user asks.
    mcpSource({ name, url });
  } catch (error) {
    throw new Error(`CHAT_MCP_NAME is not usable: ${(error as Error).message}.`);
  }
  return { name, url, headers };
}

function parseUrl(value: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // The value is not repeated: a URL may carry a key in its query.
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new Error(
      'CHAT_MCP_URL is not an http(s) URL. Set it to the MCP server’s Streamable HTTP endpoint, for example http://127.0.0.1:9099/mcp.',
    );
  }
  return url;
}

function parseHeaders(value: string): Record<string, string> {
  if (value.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    // JSON.parse's message quotes the input, which holds secrets.
    throw new Error(
      `CHAT_MCP_HEADERS is not valid JSON. Set it to a JSON object of header names and values, for example ${example}.`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(
      `CHAT_MCP_HEADERS must be a JSON object of header names and values, for example ${example}; it is ${Array.isArray(parsed) ? 'an array' : `a ${parsed === null ? 'null' : typeof parsed}`}.`,
    );
  }
  const headers: Record<string, string> = {};
  for (const [name, headerValue] of Object.entries(parsed)) {
    if (!headerName.test(name)) {
      throw new Error(
        // The name is not repeated: a mistake such as "Authorization: Bearer …" as the name
        // would put the credential into this message and the log.
        `CHAT_MCP_HEADERS has a key that is not a header name (letters, digits and !#$%&'*+.^_\`|~-); put "Name": "value" pairs in the object, for example {"Authorization": "Bearer …"}.`,
      );
    }
    if (typeof headerValue !== 'string') {
      throw new Error(
        `CHAT_MCP_HEADERS["${name}"] must be a string, but it is ${headerValue === null ? 'null' : Array.isArray(headerValue) ? 'an array' : `a ${typeof headerValue}`}. Quote the value.`,
      );
    }
    if (/[\r\n\0]/.test(headerValue)) {
      throw new Error(`CHAT_MCP_HEADERS["${name}"] holds a line break, which no header may.`);
    }
    headers[name] = headerValue;
  }
  return headers;
}

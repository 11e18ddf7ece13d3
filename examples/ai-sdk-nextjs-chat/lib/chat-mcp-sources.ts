import { type McpSource, mcpSource, type ToolgrantSession } from '@toolgrant/core';
import { type ChatMcpConfig, readChatMcpConfig, userIdPlaceholder } from './chat-mcp-config';
import { toolgrantSession } from './toolgrant-session';

// The chat's MCP server as a source per user. The session keeps a connection and a tool list
// per source object, so each user's source is made once and reused; headers without
// `{userId}` make one source for everyone. Past `maxUsers`, the least recently used user's
// connection is closed (a real app would tie this to its sessions).

/** The chat's MCP sources. */
export interface ChatMcpSources {
  /** The sources whose tools `userId` gets: none when no MCP server is configured. */
  forUser(userId: string): McpSource[];
}

export function createChatMcpSources({
  config,
  session,
  maxUsers = 100,
}: {
  config: ChatMcpConfig | undefined;
  /** The session the sources connect in; a source dropped past `maxUsers` is closed there. */
  session: ToolgrantSession;
  /** How many users' sources (and connections) are kept. */
  maxUsers?: number;
}): ChatMcpSources {
  const perUser = Object.values(config?.headers ?? {}).some((value) =>
    value.includes(userIdPlaceholder),
  );
  const sources = new Map<string, McpSource>();
  return {
    forUser(userId) {
      if (!config) return [];
      if (perUser && hasControlCharacter(userId)) {
        throw new Error(
          'The user id holds a control character, which cannot go into an MCP header; sign the user in with another id.',
        );
      }
      const key = perUser ? userId : '';
      let source = sources.get(key);
      if (source) {
        sources.delete(key);
      } else {
        source = mcpSource({
          name: config.name,
          url: config.url,
          headers: Object.fromEntries(
            Object.entries(config.headers).map(([name, value]) => [
              name,
              // split/join: replaceAll would read `$&` and `$$` in a user id as patterns.
              value.split(userIdPlaceholder).join(userId),
            ]),
          ),
        });
      }
      sources.set(key, source);
      if (sources.size > maxUsers) {
        const [oldestKey, oldest] = sources.entries().next().value as [string, McpSource];
        sources.delete(oldestKey);
        void session.mcp.close(oldest);
      }
      return [source];
    },
  };
}

let sources: ChatMcpSources | undefined;

/** The chat's MCP sources, from the environment (checked at startup by instrumentation.ts). */
export function chatMcpSources(): ChatMcpSources {
  sources ??= createChatMcpSources({ config: readChatMcpConfig(), session: toolgrantSession() });
  return sources;
}

/** Whether a text holds a control character (U+0000–U+001F, U+007F), which no header may carry. */
function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

import type { Store } from '../store/store.js';
import {
  createMcpToken,
  hashMcpToken,
  type McpTokenGrant,
  type McpTokenLookup,
} from './mcp-token.js';

// Issuing, finding and revoking user-scoped MCP tokens over the engine's store. The token is
// returned once, at issue; the store keeps its SHA-256.

/** A token just issued: the value to hand to the client (once) and what it grants. */
export interface IssuedMcpToken {
  token: string;
  grant: McpTokenGrant;
  createdAt: Date;
}

/** User-scoped MCP tokens: issue one, find a presented one's grant, revoke one. */
export interface McpTokenStore {
  issue(input: {
    userId: string;
    toolkits: readonly string[] | undefined;
    expiresInSeconds: number;
  }): Promise<IssuedMcpToken>;
  find: McpTokenLookup;
  /** False when there is no such token, or it was revoked already. */
  revoke(id: string): Promise<boolean>;
}

/** The MCP tokens kept in `store`. */
export function createMcpTokenStore({
  store,
  clock,
}: {
  store: Pick<Store, 'createMcpToken' | 'findMcpToken' | 'revokeMcpToken'>;
  clock: () => Date;
}): McpTokenStore {
  return {
    async issue({ userId, toolkits, expiresInSeconds }) {
      const { token, tokenHash } = createMcpToken();
      const stored = await store.createMcpToken({
        tokenHash,
        userId,
        toolkits: toolkits?.map((name) => name.toLowerCase()),
        expiresAt: new Date(clock().getTime() + expiresInSeconds * 1000),
      });
      return {
        token,
        createdAt: stored.createdAt,
        grant: {
          id: stored.id,
          userId: stored.userId,
          toolkits: stored.toolkits,
          expiresAt: stored.expiresAt,
        },
      };
    },
    async find(token) {
      const stored = await store.findMcpToken(hashMcpToken(token));
      if (stored === undefined || stored.revokedAt !== undefined) return undefined;
      return {
        id: stored.id,
        userId: stored.userId,
        toolkits: stored.toolkits,
        expiresAt: stored.expiresAt,
      };
    },
    revoke: (id) => store.revokeMcpToken(id),
  };
}

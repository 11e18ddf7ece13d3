import { createHash, randomBytes } from 'node:crypto';

// User-scoped MCP tokens: for a client that must not hold the engine's API key (a desktop MCP
// client, a browser). The token is random, shown once, and only its SHA-256 is stored, so a
// leaked database does not yield usable tokens. The prefix tells it from an API key.

const tokenPrefix = 'tgmcp_';

/** What a user-scoped MCP token grants: one user, optionally only some toolkits, until it expires. */
export interface McpTokenGrant {
  readonly id: string;
  readonly userId: string;
  /** Toolkit names in lower case; undefined: every toolkit. */
  readonly toolkits: readonly string[] | undefined;
  readonly expiresAt: Date;
}

/** Finds the live grant of a presented MCP token (unknown and revoked ones: undefined). */
export type McpTokenLookup = (token: string) => Promise<McpTokenGrant | undefined>;

/** A new token: the value to hand out once, and the hash to store. */
export function createMcpToken(): { token: string; tokenHash: string } {
  const token = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashMcpToken(token) };
}

/** The stored form of a token: SHA-256, hex. */
export function hashMcpToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a presented credential has the form of an MCP token (not whether it is valid). */
export function isMcpToken(presented: string): boolean {
  return presented.startsWith(tokenPrefix);
}

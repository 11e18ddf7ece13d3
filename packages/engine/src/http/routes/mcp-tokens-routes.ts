import { Hono } from 'hono';
import type { McpTokenStore } from '../../mcp/create-mcp-token-store.js';
import { identityValue } from '../../shared/identity-value.js';
import { z } from '../../shared/zod.js';
import { ApiError } from '../api-error.js';
import { idFields } from '../id-fields.js';
import { validateRequest } from '../validate-request.js';

// /v1/mcp/tokens: the application mints a token for one of its users, for an MCP client that
// must not hold the engine's API key (a desktop client, a browser), and revokes it. The token
// acts only for that user and those toolkits, until it expires.

/** The longest a token may live: 90 days. */
export const maxMcpTokenLifetimeSeconds = 90 * 24 * 60 * 60;

/** The most toolkits one token may name; a token for more leaves `toolkits` out. */
export const maxMcpTokenToolkits = 100;

export const createMcpTokenBody = z.object({
  user_id: idFields.userId,
  toolkits: z
    .array(idFields.toolkit, {
      error: "toolkits must be a list of toolkit names, for example ['Gmail', 'GitHub']",
    })
    .min(1, { error: 'toolkits is empty: list at least one toolkit, or leave it out for all' })
    .max(maxMcpTokenToolkits, {
      error: `toolkits lists more than ${maxMcpTokenToolkits} toolkits: leave it out to allow all`,
    })
    .optional(),
  expires_in: z
    .int({ error: 'expires_in must be a whole number of seconds, for example 3600' })
    .min(60, { error: 'expires_in must be at least 60 seconds' })
    .max(maxMcpTokenLifetimeSeconds, {
      error: `expires_in must be at most ${maxMcpTokenLifetimeSeconds} seconds (90 days)`,
    }),
});

export const revokeMcpTokenParam = z.object({
  id: identityValue({
    field: 'id',
    noun: 'MCP token ids',
    description: 'the id POST /v1/mcp/tokens returned',
  }),
});

/** The MCP token routes: mint a user-scoped token, revoke one. */
export function createMcpTokensRoutes({ tokens }: { tokens: McpTokenStore }) {
  return new Hono()
    .post('/mcp/tokens', validateRequest('json', createMcpTokenBody), async (context) => {
      const body = context.req.valid('json');
      const issued = await tokens.issue({
        userId: body.user_id,
        toolkits: body.toolkits,
        expiresInSeconds: body.expires_in,
      });
      return context.json(
        {
          id: issued.grant.id,
          token: issued.token,
          user_id: issued.grant.userId,
          toolkits: issued.grant.toolkits ?? null,
          created_at: issued.createdAt.toISOString(),
          expires_at: issued.grant.expiresAt.toISOString(),
        },
        201,
      );
    })
    .delete('/mcp/tokens/:id', validateRequest('param', revokeMcpTokenParam), async (context) => {
      const { id } = context.req.valid('param');
      if (!(await tokens.revoke(id))) {
        throw new ApiError({
          status: 404,
          code: 'mcp_token_not_found',
          // The id is not echoed: ids in answers are the caller's own words, never repeated.
          message:
            'No live MCP token with this id: it does not exist or was revoked already. Use the id POST /v1/mcp/tokens returned.',
        });
      }
      return context.body(null, 204);
    });
}

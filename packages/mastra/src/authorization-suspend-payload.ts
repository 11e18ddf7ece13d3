import { authorizationPauseType } from '@toolgrant/core';
import { z } from './zod.js';

// What a Toolgrant tool suspends with when the user has not authorized it yet: core's
// authorization pause. It reaches the app as the suspended run's payload (`suspendPayload` of
// `generate`, the `tool-call-suspended` chunk of `stream`), so the UI can show the link; the
// model never sees it.

/** The `type` of a Toolgrant tool's suspend payload. */
export const authorizationSuspendType = authorizationPauseType;

/** The schema of what a Toolgrant tool suspends with: the authorization to show the user. */
export const authorizationSuspendPayloadSchema = z.object({
  type: z.literal(authorizationSuspendType),
  /** The tool's name as the model called it, `Gmail_ListEmails`: Mastra's `toolName` of the call. */
  toolName: z.string(),
  /** Toolgrant's name of the tool, `Gmail.ListEmails`. */
  qualifiedName: z.string(),
  authorization: z.object({
    id: z.string(),
    url: z.string().optional(),
    providerId: z.string().optional(),
    scopes: z.array(z.string()),
    status: z.enum(['not_started', 'pending', 'failed']),
    /** An MCP server's reason for asking. */
    message: z.string().optional(),
    /** The host of `url`, to show beside it. */
    host: z.string().optional(),
    /** What the retry of an MCP tool call needs (kept by Mastra's storage, not sent by the app). */
    mcp: z
      .union([
        z.object({
          era: z.literal('2026-07-28'),
          source: z.string(),
          tool: z.string(),
          inputKey: z.string(),
          requestState: z.string().optional(),
        }),
        z.object({
          era: z.literal('2025-11-25'),
          source: z.string(),
          tool: z.string(),
          elicitationId: z.string(),
        }),
      ])
      .optional(),
  }),
});

/** `authorization` is core's `RequiredAuthorization`: show `url` to the user. */
export type AuthorizationSuspendPayload = z.infer<typeof authorizationSuspendPayloadSchema>;

/** Whether a suspended run's payload is a Toolgrant authorization. */
export function isAuthorizationSuspendPayload(
  value: unknown,
): value is AuthorizationSuspendPayload {
  return authorizationSuspendPayloadSchema.safeParse(value).success;
}

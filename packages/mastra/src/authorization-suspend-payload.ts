import { z } from 'zod/v4';

// What a Toolgrant tool suspends with when the user has not authorized it yet. It reaches the
// app as the suspended run's payload (`suspendPayload` of `generate`, the `tool-call-suspended`
// chunk of `stream`), so the UI can show the link; the model never sees it.

export const authorizationSuspendType = 'toolgrant/authorization_required';

export const authorizationSuspendPayloadSchema = z.object({
  type: z.literal(authorizationSuspendType),
  /** The tool's qualified name, `Gmail.ListEmails`. */
  toolName: z.string(),
  authorization: z.object({
    id: z.string(),
    url: z.string().optional(),
    providerId: z.string().optional(),
    scopes: z.array(z.string()),
    status: z.enum(['not_started', 'pending', 'failed']),
  }),
});

/** `authorization` is core's `RequiredAuthorization`: show `url` to the user. */
export type AuthorizationSuspendPayload = z.infer<typeof authorizationSuspendPayloadSchema>;

export function isAuthorizationSuspendPayload(
  value: unknown,
): value is AuthorizationSuspendPayload {
  return authorizationSuspendPayloadSchema.safeParse(value).success;
}

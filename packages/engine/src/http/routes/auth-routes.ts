import { Hono } from 'hono';
import { z } from '../../shared/zod.js';
import { ApiError } from '../api-error.js';
import { idFields } from '../id-fields.js';
import { nextUriField } from '../next-uri-field.js';
import type { RouteDependencies } from '../route-dependencies.js';
import { toAuthorizationResponse } from '../to-authorization-response.js';
import { validateRequest } from '../validate-request.js';

// /v1/auth: authorization for a provider directly, its status (a long-poll), and the
// application's confirmation of the user who completed a flow. The credential resolver does
// the work; these routes validate and translate.

/** Arcade's limit on a status long-poll. */
export const maxStatusWaitSeconds = 59;

export const authorizeBody = z.object({
  user_id: idFields.userId,
  auth_requirement: z
    .object(
      {
        id: idFields.providerId.optional(),
        provider_id: idFields.providerId.optional(),
        provider_type: z
          .enum(['oauth2', 'api_key'], { error: "provider_type must be 'oauth2' or 'api_key'" })
          .default('oauth2'),
        oauth2: z
          .object({
            scopes: z
              .array(z.string().trim().min(1), { error: 'oauth2.scopes must be a list of scopes' })
              .default([]),
          })
          .optional(),
      },
      { error: 'auth_requirement is required: { provider_id, provider_type, oauth2: { scopes } }' },
    )
    .refine((requirement) => requirement.provider_id ?? requirement.id, {
      error:
        "auth_requirement needs provider_id (or id): the engine's provider, for example 'google'",
    }),
  next_uri: nextUriField.optional(),
});

export const statusQuery = z.object({
  id: idFields.authorizationId,
  wait: z.coerce
    .number({ error: `wait must be a number of seconds from 0 to ${maxStatusWaitSeconds}` })
    .min(0, { error: `wait must be a number of seconds from 0 to ${maxStatusWaitSeconds}` })
    .optional()
    .transform((wait) => Math.min(wait ?? 0, maxStatusWaitSeconds)),
});

export const confirmUserBody = z.object({
  flow_id: idFields.flowId,
  user_id: idFields.userId,
});

/** The authorization routes: start an authorization, check its status, confirm its user. */
export function createAuthRoutes({ credentials }: RouteDependencies) {
  return new Hono()
    .post('/auth/authorize', validateRequest('json', authorizeBody), async (context) => {
      const body = context.req.valid('json');
      const requirement = body.auth_requirement;
      const providerId = requirement.provider_id ?? requirement.id;
      if (providerId === undefined) {
        throw new ApiError({
          status: 400,
          code: 'invalid_request',
          message: 'auth_requirement needs provider_id (or id).',
        });
      }
      const authorization = await credentials.authorize({
        userId: body.user_id,
        requirement: {
          providerId,
          providerType: requirement.provider_type,
          scopes: requirement.oauth2?.scopes ?? [],
        },
        nextUri: body.next_uri,
      });
      return context.json(toAuthorizationResponse(authorization));
    })
    .get('/auth/status', validateRequest('query', statusQuery), async (context) => {
      const query = context.req.valid('query');
      const authorization = await credentials.getStatus({
        id: query.id,
        waitSeconds: query.wait,
        signal: context.req.raw.signal,
      });
      return context.json(toAuthorizationResponse(authorization));
    })
    .post('/auth/confirm_user', validateRequest('json', confirmUserBody), async (context) => {
      const body = context.req.valid('json');
      const confirmed = await credentials.confirmUser({
        flowId: body.flow_id,
        userId: body.user_id,
      });
      return context.json({
        auth_id: confirmed.authorizationId,
        ...(confirmed.nextUri === undefined ? {} : { next_uri: confirmed.nextUri }),
      });
    });
}

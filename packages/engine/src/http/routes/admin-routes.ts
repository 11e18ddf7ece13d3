import { Hono } from 'hono';
import { z } from '../../shared/zod.js';
import type { UserConnection } from '../../tools/credential-resolver.js';
import type { SecretSummary } from '../../tools/secret-resolver.js';
import { ApiError } from '../api-error.js';
import { idFields } from '../id-fields.js';
import { paginationQuery, toPage } from '../pagination.js';
import type { RouteDependencies } from '../route-dependencies.js';
import { validateRequest } from '../validate-request.js';

// /v1/admin: users' connections (list, delete) and the engine's secrets (list keys, set,
// delete). Values never leave: a secret is listed by key only.

export const listConnectionsQuery = paginationQuery.extend({
  user_id: idFields.userId.optional(),
  provider_id: idFields.providerId.optional(),
});

const secretKeyPattern = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

export const connectionIdParam = z.object({ id: idFields.connectionId });

export const secretKeyParam = z.object({
  key: z.string().regex(secretKeyPattern, {
    error:
      "a secret key starts with a letter or '_' and has at most 128 letters, digits, '_', '.' or '-', for example WEATHER_API_KEY",
  }),
});

export const setSecretBody = z.object({
  value: z
    .string({ error: 'value is required: the secret as a string' })
    .min(1, { error: 'value must not be empty; to remove a secret, DELETE it' }),
  description: z.string().max(1000).optional(),
});

function toConnectionResponse(connection: UserConnection) {
  return {
    id: connection.id,
    connection_id: connection.id,
    connection_status: connection.status,
    provider_id: connection.providerId,
    provider_type: connection.providerType,
    scopes: [...connection.scopes],
    user_id: connection.userId,
  };
}

function toSecretResponse(secret: SecretSummary) {
  return {
    id: secret.key,
    key: secret.key,
    ...(secret.description === undefined ? {} : { description: secret.description }),
    binding: { type: 'static' as const },
    updated_at: secret.updatedAt.toISOString(),
  };
}

/** The admin routes: users' connections and the engine's secrets. */
export function createAdminRoutes({ credentials, secrets }: RouteDependencies) {
  return new Hono()
    .get(
      '/admin/user_connections',
      validateRequest('query', listConnectionsQuery),
      async (context) => {
        const query = context.req.valid('query');
        const connections = await credentials.listConnections({
          userId: query.user_id,
          providerId: query.provider_id,
        });
        const page = toPage({ items: connections, limit: query.limit, offset: query.offset });
        return context.json({ ...page, items: page.items.map(toConnectionResponse) });
      },
    )
    .delete(
      '/admin/user_connections/:id',
      validateRequest('param', connectionIdParam),
      async (context) => {
        const { id } = context.req.valid('param');
        if (!(await credentials.deleteConnection({ id }))) {
          // Not echoed: connection ids may be long.
          throw new ApiError({
            status: 404,
            code: 'connection_not_found',
            message: `There is no user connection with this id. GET /v1/admin/user_connections?user_id=... lists a user's connections with their ids.`,
          });
        }
        return context.body(null, 204);
      },
    )
    .get('/admin/secrets', async (context) => {
      const listed = (await secrets.listSecrets({})).filter(({ userId }) => userId === undefined);
      return context.json({
        items: listed.map(toSecretResponse),
        total_count: listed.length,
        offset: 0,
        limit: listed.length,
        page_count: listed.length,
      });
    })
    .post(
      '/admin/secrets/:key',
      validateRequest('param', secretKeyParam),
      validateRequest('json', setSecretBody),
      async (context) => {
        const { key } = context.req.valid('param');
        const body = context.req.valid('json');
        const saved = await secrets.setSecret({
          key,
          value: body.value,
          description: body.description,
        });
        return context.json(toSecretResponse(saved));
      },
    )
    .delete('/admin/secrets/:key', validateRequest('param', secretKeyParam), async (context) => {
      const { key } = context.req.valid('param');
      if (!(await secrets.deleteSecret({ key }))) {
        throw new ApiError({
          status: 404,
          code: 'secret_not_found',
          message: `There is no secret '${key}'. GET /v1/admin/secrets lists the secrets set.`,
        });
      }
      return context.body(null, 204);
    });
}
